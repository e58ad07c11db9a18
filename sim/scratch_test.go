package sim

import (
	"context"
	"fmt"
	"testing"
	"time"
)

func TestScratch(t *testing.T) {
	cfg := Default()
	t0 := time.Now()
	res, err := Run(context.Background(), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("time", time.Since(t0))
	for s, name := range res.Strategies {
		fmt.Printf("%-12s income %8.0f earned %8.0f costs %6.0f given %5.1f recv %5.1f img %5.2f contacts %4.1f\n", name,
			res.Final(Income, s).Mean, res.Final(Earned, s).Mean, res.Final(Costs, s).Mean, res.Final(ReferralsGiven, s).Mean, res.Final(ReferralsReceived, s).Mean, res.Final(Image, s).Mean, res.Final(Contacts, s).Mean)
	}
	tot := res.Replicates[0].Totals
	fmt.Printf("%+v\n", tot)
	fmt.Println("closed/referral", tot.ClosedValue/float64(tot.Referrals), "refs/member/week", float64(tot.Referrals)/300/520)
	fmt.Println("payback", res.Payback, "gini", res.Gini, "welfare", res.Welfare)
}
