package config_test

import (
	"errors"
	"fmt"

	"github.com/giversgain/giversgain/internal/config"
)

func Example() {
	f, err := config.Decode("talk.toml", []byte(`
rounds = 260

[population.mix]
selfless = 0.4
otherish = 0.4
taker = 0.2

[strategies.selfless]
kind = "giver"

[strategies.otherish]
kind = "giver"
discernment = 0.8
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := f.Config
	fmt.Println(c.Name, c.Rounds, c.Population.Members)
	for _, s := range c.Strategies {
		fmt.Println(s.Name, s.Kind, s.Share, s.Params["discernment"])
	}

	// A sweep sets one parameter at a time by its path; a mix share
	// rescales the others so that the shares still sum to 1.
	if err := config.Set(&c, "population.mix.taker", 0.6); err != nil {
		fmt.Println(err)
	}
	fmt.Println(c.Strategies[0].Share, c.Strategies[1].Share, c.Strategies[2].Share)

	// Errors point at the file, line and key.
	_, err = config.Decode("talk.toml", []byte("[referrals]\nvisibility = 1.5\n"))
	var ce *config.Error
	if errors.As(err, &ce) {
		fmt.Println(ce.Line, ce.Key)
		fmt.Println(err)
	}
	// Output:
	// talk 260 300
	// selfless giver 0.4 0
	// otherish giver 0.4 0.8
	// taker taker 0.2 <nil>
	// 0.2 0.2 0.6
	// 2 referrals.visibility
	// talk.toml:2:1: referrals.visibility: expected a number in [0, 1], found 1.5
	//      2 | visibility = 1.5
	//        | ^
}
