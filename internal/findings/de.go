package findings

import (
	"fmt"
	"math"
	"strings"

	"github.com/giversgain/giversgain/sim"
)

// German is Deutsch, for the source article's readers and German-speaking
// chapters. Numbers follow German usage (DIN 5008, Duden): 1.234,5; a
// percentage after a no-break space, 38 %; dollar amounts with the
// currency sign after the amount, 12.345 $, as German writes every
// currency; thousands in full (150.000 $: "k" is not German), millions
// as 1,2 Mio. $. Ranges take an en dash (31–45 %) or "bis" when a bound
// is negative. The kinds are named as in the German edition of Grant's
// "Give and Take" ("Geben und Nehmen"): Geber, Nehmer, and Tauscher for
// the scorekeeping matchers; hunters are Jäger.
var German Lang = german{}

type german struct{}

var deNum = Numbers{Group: ".", DecimalMark: ",", Unit: nbsp, Dash: "–", To: " bis ",
	Million: nbsp + "Mio.", Billion: nbsp + "Mrd."}

func (german) Tag() string  { return "de" }
func (german) Name() string { return "Deutsch" }
func (german) Num() Numbers { return deNum }
func (german) Term(k string) string {
	if s, ok := deTerms[k]; ok {
		return s
	}
	return English.Term(k)
}

var deTerms = map[string]string{
	"interval":       "95-%-Intervall",
	"week-axis":      "Woche",
	"year-axis":      "Jahr (wöchentliche Treffen)",
	"not-to-scale":   " (Zellen der Reihe nach, nicht maßstäblich)",
	"not-to-scale-y": " (nicht maßstäblich)",
	"no-difference":  "schwarze Linie: kein Unterschied",
	"cursor-week":    "Woche",
	"cursor-year":    "Jahr",
	"in-thousands":   "(in Tsd. $)",
}

// deKinds are the kinds' German nouns (nominative plural = singular).
var deKinds = map[string]string{
	"giver": "Geber", "taker": "Nehmer", "scorekeeper": "Tauscher", "hunter": "Jäger", "discriminator": "Unterscheider",
}

// deVariants are the German adjectives of the presets' variant names.
var deVariants = map[string]string{"selfless": "selbstlos", "otherish": "umsichtig"}

// deKind is a kind's noun; an unknown kind keeps its name.
func deKind(kind string) string {
	if s, ok := deKinds[kind]; ok {
		return s
	}
	if kind == "" {
		return "Mitglieder"
	}
	return kind
}

// deDative is a kind in the dative plural: "Gebern", "Nehmern".
func deDative(kind string) string {
	k := deKind(kind)
	if _, ok := deKinds[kind]; ok && !strings.HasSuffix(k, "n") {
		return k + "n"
	}
	return k
}

func (german) Kind(kind string) string { return deKind(kind) }

func (german) Strategy(name, kind string) string {
	if name == kind {
		return deKind(kind)
	}
	if a, ok := deVariants[name]; ok {
		return a
	}
	return name
}

// group names the members of strategy s in the plural: "Geber",
// "selbstlose Geber"; an unknown variant keeps its name.
func (german) group(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], KindOf(res, s)
	switch {
	case name == kind || name == "":
		return deKind(kind)
	case deVariants[name] != "":
		return deVariants[name] + "e " + deKind(kind)
	}
	return name
}

// one names a single member of strategy s after an article: "Geber",
// "Geber (selbstlos)".
func (g german) one(res *sim.Result, s int) string {
	name, kind := res.Strategies[s], KindOf(res, s)
	switch {
	case name == kind || name == "":
		return deKind(kind)
	case deVariants[name] != "":
		return deKind(kind) + " (" + deVariants[name] + ")"
	}
	return name
}

// horizon in the dative after "nach": "10 Jahren", "1 Jahr", "30 Wochen".
func (german) horizon(rounds int, dative bool) string {
	n, unit, half := yearsOrWeeks(rounds)
	if unit == "year" {
		switch {
		case half:
			return fmt.Sprintf("%d,5 Jahre%s", n, map[bool]string{true: "n", false: ""}[dative])
		case n == 1:
			return "1 Jahr"
		case dative:
			return fmt.Sprintf("%d Jahren", n)
		}
		return fmt.Sprintf("%d Jahre", n)
	}
	if n == 1 {
		return "1 Woche"
	}
	return fmt.Sprintf("%s Wochen", deNum.Count(n))
}

func (g german) After(rounds int) string { return "nach " + g.horizon(rounds, true) }
func (g german) Over(rounds int) string  { return "über " + g.horizon(rounds, false) }

func (german) week(week, rounds int) string {
	if byYears(rounds) && week >= 52 {
		return fmt.Sprintf("Woche %d (Jahr %s)", week, deNum.Decimal(math.Round(float64(week)/52*10)/10, 1))
	}
	return fmt.Sprintf("Woche %d", week)
}

func (german) runs(n int) string {
	if n == 1 {
		return "1 Durchlauf"
	}
	return deNum.Count(n) + " Durchläufe"
}

// runsDative counts runs after "aus" or "mit": "3 Durchläufen".
func (g german) runsDative(n int) string {
	if n == 1 {
		return "1 Durchlauf"
	}
	return g.runs(n) + "n"
}

// --- the verdict ---

func (g german) Verdict(v Verdict) string {
	return g.researchHeadline(v, "95-%-KI") + g.payback(v) + "."
}

func (g german) Headline(v Verdict, t Titles) string {
	if t == Research {
		return g.researchHeadline(v, "95-%-KI")
	}
	return g.plainHeadline(v)
}

func (german) context(v Verdict) string {
	switch {
	case v.Missing == "":
		return ""
	case v.MissingLeft:
		return ", ohne verbliebene " + deKind(v.Missing)
	}
	return ", in einer Mischung ohne " + deKind(v.Missing)
}

func (g german) researchHeadline(v Verdict, ci string) string {
	return g.headlineIn(v, ci, deNum)
}

// headlineIn is researchHeadline with the numbers n (Numbers.Talk for a
// plain title's subtitle).
func (g german) headlineIn(v Verdict, ci string, n Numbers) string {
	when := g.After(v.Rounds)
	switch v.Case {
	case NoResults:
		return "Keine Ergebnisse zum Vergleichen"
	case NoMembers:
		return "Keine Mitglieder mehr zum Vergleichen " + when
	case OnlyOne:
		iv := ""
		if intervalStat(v.Only) {
			iv = " (" + ci + " " + n.MoneyRange(v.Only.Low, v.Only.High) + ")"
		}
		if v.Alone {
			return fmt.Sprintf("Nur %s in dieser Mischung: sie verdienten %s im Schnitt %s pro Mitglied%s", deKind(v.A), when, n.Money(v.Only.Mean), iv)
		}
		return fmt.Sprintf("%s waren nur noch %s übrig, mit im Schnitt %s pro Mitglied%s", Capitalize(when), deKind(v.A), n.Money(v.Only.Mean), iv)
	case NeverBoth:
		return fmt.Sprintf("%s und %s hatten am Ende keines Durchlaufs beide Mitglieder und lassen sich %s nicht vergleichen",
			deKind(v.A), deKind(v.B), when)
	case Level:
		return fmt.Sprintf("Kein klarer Sieger: %s und %s lagen %s gleichauf%s", deKind(v.A), deKind(v.B), when, g.context(v))
	}
	lead, r := deKind(v.Lead), v.Est
	if v.Case == Unclear {
		var ahead, rng string
		if v.Measure == Percent {
			p := PrecFor(r.Mean, r.Low, r.High)
			ahead, rng = n.Signed(r.Mean, p)+n.Pct(), n.Range(r.Low, r.High, p, n.Pct())
		} else {
			ahead, rng = n.Money(r.Mean)+" pro Mitglied", n.MoneyRange(r.Low, r.High)
		}
		return fmt.Sprintf("Kein klarer Sieger: %s lagen %s %s vor %s (%s %s)%s", lead, when, ahead, deDative(v.Trail), ci, rng, g.context(v))
	}
	var amount, rng string
	trail := deKind(v.Trail)
	switch v.Measure {
	case Times:
		p := PrecFor(r.Mean, r.Low, r.High)
		amount = fmt.Sprintf("%s-mal so viel wie %s", n.Signed(r.Mean, p), trail)
		rng = n.Range(r.Low, r.High, p, "-mal")
	case Percent:
		p := PrecFor(r.Mean, r.Low, r.High)
		amount = fmt.Sprintf("%s%s mehr als %s", n.Signed(r.Mean, p), n.Pct(), trail)
		rng = n.Range(r.Low, r.High, p, n.Pct())
	default:
		amount = fmt.Sprintf("%s pro Mitglied mehr als %s", n.Money(r.Mean), trail)
		rng = n.MoneyRange(r.Low, r.High)
	}
	if v.Single {
		return fmt.Sprintf("%s verdienten %s im einzigen Durchlauf %s (zu wenige für ein Konfidenzintervall)%s", lead, when, amount, g.context(v))
	}
	return fmt.Sprintf("%s verdienten %s %s (%s %s)%s", lead, when, amount, ci, rng, g.context(v))
}

func (german) payback(v Verdict) string {
	switch v.Payback {
	case AheadFromFirst:
		return "; sie lagen von der ersten Woche an vorn"
	case PulledAhead:
		return fmt.Sprintf("; ab Woche %d lagen sie dauerhaft vorn", v.Week)
	case NeverAhead:
		return "; Geber lagen nie dauerhaft vorn"
	case MeanAheadFromFirst:
		return "; der Mittelwert der Geber lag von der ersten Woche an vorn"
	case MeanAheadSince:
		return fmt.Sprintf("; der Mittelwert der Geber liegt seit Woche %d vorn", v.Week)
	}
	return ""
}

func (g german) plainHeadline(v Verdict) string {
	n := deNum
	switch v.Case {
	case NoResults, NoMembers, NeverBoth:
		return g.researchHeadline(v, "95-%-KI")
	case OnlyOne:
		if v.Alone {
			return fmt.Sprintf("Nur %s in dieser Mischung: je %s", deKind(v.A), n.Round(v.Only.Mean))
		}
		return fmt.Sprintf("Nur noch %s übrig, mit je %s", deKind(v.A), n.Round(v.Only.Mean))
	case Level:
		return fmt.Sprintf("Kein klarer Sieger: %s und %s gleichauf", deKind(v.A), deKind(v.B))
	case Unclear:
		return fmt.Sprintf("Kein klarer Sieger zwischen %s und %s", deDative(v.A), deDative(v.B))
	}
	lead, trail := deKind(v.Lead), deKind(v.Trail)
	how, x := TalkLead(v)
	switch how {
	case TalkHalf:
		return fmt.Sprintf("%s verdienten die Hälfte mehr als %s", lead, trail)
	case TalkThird:
		return fmt.Sprintf("%s verdienten ein Drittel mehr als %s", lead, trail)
	case TalkQuarter:
		return fmt.Sprintf("%s verdienten ein Viertel mehr als %s", lead, trail)
	case TalkTimes:
		return fmt.Sprintf("%s verdienten %s so viel wie %s", lead, deTimes(x), trail)
	case TalkDollars:
		li, ti := v.LeadIncome.Mean, v.TrailIncome.Mean
		switch {
		case ti < 0 && li > 0:
			return fmt.Sprintf("%s verloren je %s, %s gewannen %s", trail, n.Round(-ti), lead, n.Round(li))
		case ti < 0 && li <= 0:
			return fmt.Sprintf("%s verloren je %s, %s weniger: %s", trail, n.Round(-ti), lead, n.Round(-li))
		}
		return fmt.Sprintf("%s verdienten je %s mehr als %s", lead, n.Round(x), trail)
	}
	return fmt.Sprintf("%s verdienten %s%s mehr als %s", lead, n.Signed(x, 0), n.Pct(), trail)
}

// deTimes says a multiple: "doppelt", "dreimal", "2,5-mal".
func deTimes(x float64) string {
	switch x {
	case 2:
		return "doppelt"
	case 3:
		return "dreimal"
	case 4:
		return "viermal"
	}
	return deNum.Decimal(x, 1) + "-mal"
}

// --- the charts ---

func (g german) replicatesNote(res *sim.Result) string {
	n := replicatesN(res)
	if n == 1 {
		return fmt.Sprintf("ein Durchlauf mit %s Mitgliedern (kein Intervall)", deNum.Count(res.Config.Population.Members))
	}
	return fmt.Sprintf("schattiert: 95-%%-Intervall über %d Durchläufe mit je %s Mitgliedern", n, deNum.Count(res.Config.Population.Members))
}

func (german) weekAxis(rounds int) string {
	if byYears(rounds) {
		return deTerms["year-axis"]
	}
	return deTerms["week-axis"]
}

func (g german) names(res *sim.Result) []string {
	out := make([]string, len(res.Strategies))
	for s := range out {
		out[s] = g.Strategy(res.Strategies[s], KindOf(res, s))
	}
	return out
}

func (g german) interval(res *sim.Result) string {
	if replicatesN(res) > 1 {
		return deTerms["interval"]
	}
	return ""
}

func (g german) Slides(r *Run, t Titles) []Slide {
	out := []Slide{g.income(r, t), g.distribution(r, t), g.deciles(r, t), g.flows(r, t), g.professions(r, t)}
	if r.Evolving() {
		out = append(out, g.shares(r, t))
	}
	return out
}

func (g german) income(r *Run, t Titles) Slide {
	res := r.Res
	if r.Rate.Defined {
		return g.rate(r, t)
	}
	s := Slide{Name: "income", Title: g.Headline(r.Verdict, t), X: g.weekAxis(res.Rounds), Y: "Nettoeinkommen pro Mitglied",
		Keys: g.names(res), Interval: g.interval(res),
		HowToRead: "Die Linien sind Mittelwerte über die Durchläufe, die Bänder 95-%-Konfidenzintervalle dieser Mittelwerte. " +
			"Wo sich die Bänder überlappen, kann das Diagramm die Strategien nicht unterscheiden. " +
			"Die gestrichelte Linie ist die Woche, ab der der Mittelwert der Geber über dem der Nehmer bleibt."}
	what := "Mittleres kumuliertes Nettoeinkommen pro Mitglied (was Mitglieder vom gewonnenen Geschäft behalten, abzüglich der aufgewandten Zeit); " + g.replicatesNote(res)
	s.Subtitle = what
	if t == Plain && r.Verdict.Case >= Level {
		d := g.headlineIn(r.Verdict, "95-%-Intervall", deNum.Talk()) + g.payback(r.Verdict)
		s.Subtitle = Capitalize(strings.TrimPrefix(d, "Kein klarer Sieger: ")) + ". " + what
	}
	if res.Payback.Defined && res.Payback.Round > 0 {
		s.Mark = "Geber bleiben vor Nehmern\nab " + g.week(res.Payback.Round, res.Rounds)
	}
	return s
}

func (g german) rate(r *Run, t Titles) Slide {
	res, rt, n := r.Res, r.Rate, deNum
	s := Slide{Name: "income", X: g.weekAxis(res.Rounds), Y: "Netto pro Mitglied und Woche",
		Keys: g.names(res), Interval: g.interval(res),
		HowToRead: "Bei Evolution wechseln Mitglieder ihre Strategie, und ein kumuliertes Einkommen trüge mit, was sie vorher verdienten. " +
			"Jede Linie zeigt, was eine Strategie einbrachte: das Nettoeinkommen pro Mitglied und Woche derer, die sie verfolgten, " +
			"gemittelt über das vergangene Jahr. Die Bänder sind 95-%-Konfidenzintervalle über die Durchläufe."}
	last := fmt.Sprintf("den letzten %d Wochen", rt.Window)
	if rt.Window == 52 {
		last = "im letzten Jahr"
	} else {
		last = "in " + last
	}
	past := "das vergangene Jahr"
	if rt.Window != 52 {
		past = fmt.Sprintf("die vergangenen %d Wochen", rt.Window)
	}
	what := fmt.Sprintf("Wöchentliches Nettoeinkommen pro Mitglied derer, die eine Strategie verfolgten, gemittelt über %s; %s", past, g.replicatesNote(res))
	s.Subtitle = what
	if !rt.HasBoth {
		s.Title = "Was jede Strategie pro Woche einbrachte"
		return s
	}
	gv, tk := rt.Giver, rt.Taker
	detail := fmt.Sprintf("%s: Geber %s pro Woche, Nehmer %s", Capitalize(last), n.Money(gv.Mean), n.Money(tk.Mean))
	if intervalStat(rt.Diff) {
		detail += fmt.Sprintf(" (Unterschied %s, 95-%%-Intervall %s)", n.Money(rt.Diff.Mean), n.MoneyRange(rt.Diff.Low, rt.Diff.High))
	}
	if t == Research {
		s.Title = fmt.Sprintf("%s verdienten Geber %s pro Woche, Nehmer %s", Capitalize(last), n.Money(gv.Mean), n.Money(tk.Mean))
		if intervalStat(rt.Diff) {
			s.Title += fmt.Sprintf(" (Unterschied 95-%%-KI %s)", n.MoneyRange(rt.Diff.Low, rt.Diff.High))
		}
		return s
	}
	switch {
	case !rt.Clear():
		s.Title = fmt.Sprintf("Kein klarer Unterschied pro Woche: Geber %s, Nehmer %s", n.Round(gv.Mean), n.Round(tk.Mean))
	case rt.Diff.Mean > 0:
		s.Title = fmt.Sprintf("Geber verdienten pro Woche mehr als Nehmer: %s gegenüber %s", n.Round(gv.Mean), n.Round(tk.Mean))
	default:
		s.Title = fmt.Sprintf("Nehmer verdienten pro Woche mehr als Geber: %s gegenüber %s", n.Round(tk.Mean), n.Round(gv.Mean))
	}
	s.Subtitle = detail + ". " + what
	return s
}

func (g german) distribution(r *Run, t Titles) Slide {
	res, d, n := r.Res, r.Distribution, deNum
	s := Slide{Name: "distribution", X: "Strategie (Mitglieder über alle Durchläufe)", Y: "Nettoeinkommen am Ende",
		HowToRead: "Eine Box je Strategie über alle Mitglieder aller Durchläufe: Die Box fasst die mittlere Hälfte der Mitglieder, " +
			"der dicke Strich ist der Median (das typische Mitglied), die Antennen reichen bis zu den übrigen außer den Ausreißern (Punkte). " +
			"Mittelwerte können verbergen, dass wenige Makler eine Strategie tragen."}
	for st := range res.Strategies {
		s.Ticks = append(s.Ticks, fmt.Sprintf("%s\n(%s)", g.Strategy(res.Strategies[st], KindOf(res, st)), n.Count(d.Members[st])))
	}
	s.Notes = make([]string, 2*len(res.Strategies))
	beyond := 0
	for st := range res.Strategies {
		if d.Above[st] > 0 {
			s.Notes[2*st] = fmt.Sprintf("▲ %s darüber", n.Count(d.Above[st]))
		}
		if d.Below[st] > 0 {
			s.Notes[2*st+1] = fmt.Sprintf("▼ %s darunter", n.Count(d.Below[st]))
		}
		beyond += d.Above[st] + d.Below[st]
	}
	when := g.Over(res.Rounds)
	money := n.Compact
	if t == Plain {
		money = n.Round
	}
	switch {
	case d.Empty:
		s.Title = "Keine Mitglieder zu zeigen"
	case d.GiverTaker && t == Plain:
		s.Title = fmt.Sprintf("Ein typischer Geber kam auf %s, ein typischer Nehmer auf %s", money(d.Giver), money(d.Taker))
	case d.GiverTaker:
		s.Title = fmt.Sprintf("Der Median-Geber kam %s auf netto %s, der Median-Nehmer auf %s", when, money(d.Giver), money(d.Taker))
	case d.Strategies == 1 && t == Plain:
		s.Title = fmt.Sprintf("Ein typischer %s kam auf %s", g.one(res, d.Top), money(d.TopM))
	case d.Strategies == 1:
		s.Title = fmt.Sprintf("Der Median-%s kam %s auf netto %s", g.one(res, d.Top), when, money(d.TopM))
	case t == Plain:
		s.Title = fmt.Sprintf("Ein typischer %s kam auf am meisten (%s), ein typischer %s auf am wenigsten (%s)", g.one(res, d.Top), money(d.TopM), g.one(res, d.Low), money(d.LowM))
	default:
		s.Title = fmt.Sprintf("Der Median-%s kam %s netto auf am meisten (%s), der Median-%s auf am wenigsten (%s)", g.one(res, d.Top), when, money(d.TopM), g.one(res, d.Low), money(d.LowM))
	}
	s.Subtitle = fmt.Sprintf("Nettoeinkommen jedes Mitglieds %s, %s; Box: mittlere Hälfte, Strich: Median (das typische Mitglied), Punkte: jenseits der Antennen bei 1,5×IQR",
		g.After(res.Rounds), g.runs(d.Replicates))
	if beyond > 0 {
		s.Subtitle += fmt.Sprintf("; %s Mitglieder jenseits der Achse sind an ihrem Rand gezählt", n.Count(beyond))
	}
	return s
}

func (g german) deciles(r *Run, t Titles) Slide {
	res, d, n := r.Res, r.Deciles, deNum
	s := Slide{Name: "deciles", X: "Einkommenszehntel (Mitglieder nach Nettoeinkommen)", Y: "Anteil am Dezil",
		Keys: reversed(g.names(res)),
		HowToRead: "Die Mitglieder nach Einkommen am Ende in Zehntel geordnet; jeder Balken zeigt, aus welchen Strategien dieses Zehntel besteht. " +
			"Die gestrichelte Linie ist der Anteil der Strategie aus dem Titel an allen Mitgliedern: Ein Balkenstück darüber heißt, " +
			"sie ist in diesem Zehntel überrepräsentiert. Grant berichtet von Gebern ganz oben und ganz unten."}
	for dd := range 10 {
		lbl := fmt.Sprint(dd + 1)
		switch dd {
		case 0:
			lbl = "1\närmste"
		case 9:
			lbl = "10\nreichste"
		}
		s.Ticks = append(s.Ticks, lbl)
	}
	what := fmt.Sprintf("Mittlerer Anteil jeder Strategie in jedem Zehntel der Mitglieder, geordnet nach Nettoeinkommen am Ende, %s", g.runs(d.Replicates))
	s.Subtitle = what
	if d.Position == NoRanking {
		s.Title = "Anteile der Strategien nach Einkommensdezil"
		return s
	}
	if len(res.Strategies) > 1 && !math.IsNaN(d.All) {
		s.Mark = fmt.Sprintf("%s: Anteil an\nallen Mitgliedern (%s)", g.Strategy(res.Strategies[d.Focus], KindOf(res, d.Focus)), n.Percent(d.All))
	}
	who := Capitalize(g.group(res, d.Focus))
	detail := fmt.Sprintf("%s des ärmsten Zehntels, %s des reichsten (%s der Mitglieder)", n.Percent(d.Bottom.Mean), n.Percent(d.Top.Mean), n.Percent(d.All))
	research := map[Position]string{
		BothEnds: "%s finden sich an beiden Enden: %s", RiseToTop: "%s steigen nach oben: %s", OverAtTop: "%s sind oben überrepräsentiert: %s",
		SinkToBottom: "%s sinken nach unten: %s", OverAtBottom: "%s sind unten überrepräsentiert: %s",
		UnderAtTop: "%s sind oben unterrepräsentiert: %s", Spread: "%s verteilen sich über alle Ränge: %s",
	}
	plain := map[Position]string{
		BothEnds: "%s finden sich ganz oben und ganz unten", RiseToTop: "%s steigen nach oben", OverAtTop: "%s sind unter den Reichsten häufiger",
		SinkToBottom: "%s sinken nach unten", OverAtBottom: "%s sind unter den Ärmsten häufiger",
		UnderAtTop: "%s sind unter den Reichsten seltener", Spread: "%s verteilen sich gleichmäßig über alle Ränge",
	}
	if t == Research {
		s.Title = fmt.Sprintf(research[d.Position], who, detail)
		return s
	}
	s.Title = fmt.Sprintf(plain[d.Position], who)
	s.Subtitle = fmt.Sprintf("%s: %s. %s", who, detail, what)
	return s
}

func (g german) flows(r *Run, t Titles) Slide {
	res, f, n := r.Res, r.Flows, deNum
	s := Slide{Name: "flows", X: "Empfohlen von", Y: "Geschäft pro Mitglied", Ticks: g.names(res),
		HowToRead: "Wer wem Geschäft empfiehlt: Dollar empfohlener Aufträge, die zustande kamen, pro Mitglied der empfehlenden Strategie, " +
			"gemittelt über die Durchläufe. Jede Balkengruppe ist eine empfehlende Strategie, jeder Balken eine empfangende."}
	for st := range res.Strategies {
		s.Keys = append(s.Keys, "an "+g.Strategy(res.Strategies[st], KindOf(res, st)))
	}
	per := ""
	if f.Evolving {
		per = " (ihrer mittleren Mitgliederzahl über den Lauf)"
	}
	s.Subtitle = fmt.Sprintf("Dollar empfohlener Aufträge, die zustande kamen, pro Mitglied der empfehlenden Strategie%s, %s; Mittel aus %s",
		per, g.Over(res.Rounds), g.runsDative(f.Replicates))
	when := g.Over(res.Rounds)
	if t == Plain {
		amt := func(x float64) string {
			if math.Abs(x) < 0.5 {
				return "nichts"
			}
			return n.Round(x)
		}
		switch {
		case f.GiverTaker:
			s.Title = fmt.Sprintf("Jeder Geber gab %s an Geschäft weiter, jeder Nehmer %s", amt(f.Giver), amt(f.Taker))
		case f.Most < 0:
			s.Title = "Keine Empfehlungen weitergegeben"
		case f.Most == f.Least:
			s.Title = fmt.Sprintf("Jeder %s gab %s an Geschäft weiter", g.one(res, f.Most), amt(f.PerMember[f.Most]))
		default:
			s.Title = fmt.Sprintf("Jeder %s gab %s an Geschäft weiter, jeder %s %s", g.one(res, f.Most), amt(f.PerMember[f.Most]), g.one(res, f.Least), amt(f.PerMember[f.Least]))
		}
		return s
	}
	switch {
	case f.GiverTaker:
		s.Title = fmt.Sprintf("Jeder Geber gab %s %s an abgeschlossenem Geschäft weiter, jeder Nehmer %s", when, n.Compact(f.Giver), n.Compact(f.Taker))
	case f.Most < 0:
		s.Title = "Keine Empfehlungen weitergegeben"
	case f.Most == f.Least:
		s.Title = fmt.Sprintf("Jeder %s gab %s %s an abgeschlossenem Geschäft weiter", g.one(res, f.Most), when, n.Compact(f.PerMember[f.Most]))
	default:
		s.Title = fmt.Sprintf("Jeder %s gab %s %s an abgeschlossenem Geschäft weiter, jeder %s %s", g.one(res, f.Most), when, n.Compact(f.PerMember[f.Most]),
			g.one(res, f.Least), n.Compact(f.PerMember[f.Least]))
	}
	return s
}

// deProfessions are the default catalogue's professions and categories.
var deProfessions = map[string]string{
	"property": "Immobilien", "finance": "Finanzen", "home services": "Handwerk & Haus", "health": "Gesundheit",
	"events": "Veranstaltungen", "business services": "Unternehmensdienste", "hospitality": "Gastgewerbe",
	"trades/automotive": "Gewerbe & Auto",
	"realtor":           "Immobilienmakler", "mortgage broker": "Baufinanzierer", "home inspector": "Baugutachter",
	"property manager": "Hausverwalter", "accountant": "Steuerberater", "bookkeeper": "Buchhalter",
	"financial adviser": "Finanzberater", "insurance": "Versicherungsmakler", "life insurance": "Lebensversicherer",
	"banker": "Banker", "plumber": "Installateur", "electrician": "Elektriker", "HVAC": "Heizung & Klima",
	"roofer": "Dachdecker", "painter": "Maler", "landscaper": "Gärtner", "house cleaner": "Gebäudereiniger",
	"pest control": "Schädlingsbekämpfer", "handyman": "Hausmeisterservice", "interior designer": "Innenarchitekt",
	"general contractor": "Bauunternehmer", "flooring installer": "Bodenleger", "chiropractor": "Chiropraktiker",
	"massage therapist": "Masseur", "dentist": "Zahnarzt", "physiotherapist": "Physiotherapeut",
	"personal trainer": "Personal Trainer", "optometrist": "Optiker", "florist": "Florist", "caterer": "Caterer",
	"photographer": "Fotograf", "videographer": "Videograf", "event planner": "Eventplaner", "DJ": "DJ",
	"lawyer": "Rechtsanwalt", "estate planning attorney": "Fachanwalt für Erbrecht", "web designer": "Webdesigner",
	"IT support": "IT-Service", "marketing/SEO": "Marketing/SEO", "printer/promotional products": "Druck & Werbemittel",
	"sign maker": "Schilderhersteller", "business coach": "Unternehmenscoach", "commercial cleaning": "Büroreinigung",
	"payroll/HR": "Lohnbuchhaltung/HR", "restaurant": "Restaurant", "hotel": "Hotel", "travel agent": "Reisebüro",
	"auto repair": "Kfz-Werkstatt", "car dealer": "Autohändler", "locksmith": "Schlüsseldienst", "moving company": "Umzugsunternehmen",
}

func deProfession(name string) string {
	if s, ok := deProfessions[name]; ok {
		return s
	}
	return name
}

func (g german) professions(r *Run, t Titles) Slide {
	res, p, n := r.Res, r.Professions, deNum
	what, plural := "Beruf", "Berufen"
	if p.Groups.ByCategory {
		what, plural = "Berufsgruppe", "Berufsgruppen"
	}
	s := Slide{Name: "professions", X: "Mittleres Nettoeinkommen pro Mitglied am Ende", Y: what,
		Keys: reversed(g.names(res)),
		HowToRead: "Mittleres Einkommen je Beruf und Strategie, bei einem großen Katalog je Berufsgruppe. " +
			"Der Abstand zwischen den Berufen übertrifft den zwischen den Strategien bei weitem: Wert zählt, nicht Anzahl."}
	for _, name := range p.Groups.Names {
		s.Ticks = append(s.Ticks, deProfession(name))
	}
	log, c := p.Scale()
	scale := ""
	if log {
		scale = fmt.Sprintf("; logarithmisch jenseits von ±%s", n.Compact(c))
	}
	by := "Beruf"
	if p.Groups.ByCategory {
		by = "Berufsgruppe"
	}
	sub := fmt.Sprintf("Mittleres Nettoeinkommen %s nach %s und Strategie, %s%s", g.After(res.Rounds), by, g.runs(p.Replicates), scale)
	if p.HasExtremes {
		sub = fmt.Sprintf("Der durchschnittliche %s kam auf %s, der durchschnittliche %s auf %s; ", deProfession(p.Best), n.Compact(p.BestV), deProfession(p.Worst), n.Compact(p.WorstV)) + lowerFirst(sub)
	}
	s.Subtitle = sub
	switch {
	case p.Strategies == 0 || len(p.Groups.Names) == 0:
		s.Title = "Einkommen nach " + what
		return s
	case p.Strategies == 1:
		s.Title = fmt.Sprintf("Einkommen der %s nach %s", g.group(res, 0), what)
		return s
	}
	who := Capitalize(g.group(res, p.Top))
	clearly := ""
	switch {
	case p.Clearly == 0:
		clearly = ", in keinem klar (95-%-Intervalle überlappen)"
	case p.Clearly < p.Leads:
		clearly = fmt.Sprintf(", klar in %d", p.Clearly)
	}
	if t == Research {
		s.Title = fmt.Sprintf("%s verdienten in %d von %d %s am meisten%s", who, p.Leads, p.Total, plural, clearly)
		return s
	}
	if p.Leads == p.Total {
		if p.Groups.ByCategory {
			s.Title = fmt.Sprintf("%s verdienten in jeder Berufsgruppe am meisten", who)
		} else {
			s.Title = fmt.Sprintf("%s verdienten in jedem Beruf am meisten", who)
		}
	} else {
		s.Title = fmt.Sprintf("%s verdienten in %d von %d %s am meisten", who, p.Leads, p.Total, plural)
	}
	switch {
	case p.Clearly == 0:
		s.Subtitle = "Kein Vorsprung ist klar: Die 95-%-Intervalle überlappen. " + s.Subtitle
	case p.Clearly < p.Leads:
		s.Subtitle = fmt.Sprintf("Klar vorn in %d davon. ", p.Clearly) + s.Subtitle
	}
	return s
}

// deRules are the evolution rules in German.
var deRules = map[sim.EvolutionRule]string{sim.Imitation: "Nachahmung", sim.Churn: "Fluktuation", sim.Generation: "Generationenwechsel"}

func (g german) shares(r *Run, t Titles) Slide {
	res, sh, n := r.Res, r.Shares, deNum
	ev := res.Config.Evolution
	how := "keine Evolution: die Anteile bleiben fest"
	if ev.Period > 0 {
		rule := deRules[ev.Rule]
		if rule == "" {
			rule = string(ev.Rule)
		}
		how = fmt.Sprintf("Mitglieder wechseln durch %s alle %d Wochen", rule, ev.Period)
	}
	s := Slide{Name: "shares", X: g.weekAxis(res.Rounds), Y: "Anteil an den Mitgliedern", Keys: g.names(res), Interval: g.interval(res),
		Subtitle: "Anteil der Mitglieder je Strategie; " + how + "; " + g.replicatesNote(res),
		HowToRead: "Jede Linie ist der Anteil einer Strategie an den Mitgliedern über die Wochen, während Mitglieder nachahmen, wer mehr verdient, oder gehen. " +
			"Die Anteile sind das langfristige Ergebnis."}
	if sh.Change == NoShares {
		s.Title = "Anteile der Strategien über die Zeit"
		return s
	}
	var who string
	if sh.Strategy >= 0 {
		who = Capitalize(g.group(res, sh.Strategy))
	}
	plain := t == Plain
	switch sh.Change {
	case TookOver:
		s.Title = fmt.Sprintf("%s setzten sich durch: %s der Mitglieder %s", who, n.Percent(sh.To.Mean), g.After(sh.Rounds))
		if plain {
			s.Title = fmt.Sprintf("%s setzten sich durch: %s der Mitglieder", who, n.Percent(sh.To.Mean))
		}
	case NoChange:
		s.Title = "Keine Strategie setzte sich durch: die Anteile blieben " + g.Over(sh.Rounds) + " nahe am Start"
		if plain {
			s.Title = "Keine Strategie setzte sich durch"
		}
	case DiedOut:
		s.Title = fmt.Sprintf("%s starben innerhalb von %s aus (von %s der Mitglieder)", who, g.horizon(sh.Rounds, true), n.Percent(sh.From))
		if plain {
			s.Title = fmt.Sprintf("%s starben aus", who)
		}
	case Grew:
		s.Title = fmt.Sprintf("%s wuchsen %s von %s auf %s der Mitglieder", who, g.Over(sh.Rounds), n.Percent(sh.From), n.Percent(sh.To.Mean))
		if plain {
			s.Title = fmt.Sprintf("%s breiteten sich von %s auf %s der Mitglieder aus", who, n.Percent(sh.From), n.Percent(sh.To.Mean))
		}
	case Shrank:
		s.Title = fmt.Sprintf("%s schrumpften %s von %s auf %s der Mitglieder", who, g.Over(sh.Rounds), n.Percent(sh.From), n.Percent(sh.To.Mean))
		if plain {
			s.Title = fmt.Sprintf("%s schrumpften von %s auf %s der Mitglieder", who, n.Percent(sh.From), n.Percent(sh.To.Mean))
		}
	}
	if plain {
		s.Subtitle = Capitalize(g.Over(sh.Rounds)) + ". " + s.Subtitle
	}
	return s
}

// --- the console ---

func (g german) Evolution(res *sim.Result) string {
	if res.Config.Evolution.Period <= 0 || len(res.Strategies) == 0 {
		return ""
	}
	shares := res.LongRunShares()
	best := 0
	for s, st := range shares {
		if st.Mean > shares[best].Mean {
			best = s
		}
	}
	st := shares[best]
	n := deNum
	rng := n.Decimal(st.Low, 2) + n.Dash + n.Decimal(st.High, 2)
	line := fmt.Sprintf("keine Strategie setzte sich durch: größter langfristiger Anteil %s %s (95-%%-KI %s)", g.Strategy(res.Strategies[best], KindOf(res, best)), n.Decimal(st.Mean, 2), rng)
	if st.Mean > sim.TakeoverShare {
		line = fmt.Sprintf("%s setzten sich durch: langfristiger Anteil %s (95-%%-KI %s)", g.Strategy(res.Strategies[best], KindOf(res, best)), n.Decimal(st.Mean, 2), rng)
	}
	return "Evolution: " + line + ".\n(Bei Evolution enthalten die kumulierten Zahlen, was Mitglieder unter früheren Strategien verdienten und gaben; das Ergebnis sind die Anteile.)"
}

func (g german) Table() TableWords {
	return TableWords{
		Headers: [6]string{"Strategie", "Anteil", "Einkommen [95-%-KI]", "Empfehlungen gegeben / erhalten", "Abschlüsse", "Rendite des Gebens"},
		Times:   "×",
		Note: func(rounds, replicates int) string {
			return fmt.Sprintf("Pro Mitglied %s, Mittel über %s; Rendite des Gebens = behaltene Dollar des erhaltenen Geschäfts je Dollar Zeit für Empfehlen und Helfen.",
				g.After(rounds), g.runs(replicates))
		},
	}
}

// deChannels are the channels of reciprocity in German.
var deChannels = map[string]string{
	"visibility": "Sichtbarkeit", "gratitude": "Dankbarkeit", "close-rate link": "Vertrauen beim Abschluss",
	"ledgers": "Konten der Tauscher", "help's trust": "Vertrauen durch Hilfe", "help's value": "Wert der Hilfe",
}

func (german) Channels() ChannelWords {
	n := deNum
	return ChannelWords{
		Headers: [6]string{"offene Kanäle", "Geber", "Nehmer", "Geber minus Nehmer (95-%-KI)", "Geber gegenüber Nehmern (95-%-KI)", "Urteil"},
		World: func(w ChannelWorld) (string, string) {
			switch w.Open {
			case NoneOpen:
				return "keiner offen", "alle Kanäle geschlossen"
			case OneOpen:
				name := deChannels[w.Channel]
				if name == "" {
					name = w.Channel
				}
				if w.HelpValue > 0 {
					return name + " allein", fmt.Sprintf("Hilfe bringt dem Geholfenen %s Umsatz; die Konfiguration gibt ihr keinen", n.Money(w.HelpValue))
				}
				return name + " allein", ""
			case AllOpenHelp:
				return "alle offen, Hilfe mit Wert", fmt.Sprintf("Hilfe bringt dem Geholfenen %s Umsatz", n.Money(w.HelpValue))
			}
			return "alle offen", "die Konfiguration, wie sie ist"
		},
		Verdict: func(gap sim.Stat) string {
			switch gapCase(gap) {
			case 1:
				return "Geber vorn"
			case -1:
				return "Nehmer vorn"
			case 2:
				return "kein klarer Sieger"
			}
			return "nicht bestimmt"
		},
		Percent: func(p sim.Stat) string {
			sign := ""
			if p.Mean >= 0 {
				sign = "+"
			}
			return fmt.Sprintf("%s%s%s (%s)", sign, n.Signed(p.Mean, 0), n.Pct(), n.PercentRange(p.Low, p.High))
		},
	}
}

// --- sweeps ---

var deParams = map[string]string{
	"referrals.visibility":             "Sichtbarkeit (Chance, dass ein Kollege eine Tat sieht)",
	"referrals.opportunities":          "Empfehlungsgelegenheiten pro Mitglied und Woche",
	"referrals.refer_cost":             "Kosten einer Empfehlung ($ Zeit)",
	"referrals.help_cost":              "Kosten einer Hilfe ($ Zeit)",
	"referrals.help_value":             "Geschäft, das eine Hilfe bringt ($)",
	"trust.gratitude":                  "Dankbarkeit (Vertrauen durch eine Empfehlung)",
	"population.members":               "Mitglieder",
	"population.chapter_size":          "Chaptergröße",
	"rounds":                           "Wochen",
	"strategies.giver.discernment":     "Urteilsvermögen der Geber (0 selbstlos, 1 umsichtig)",
	"strategies.scorekeeper.tolerance": "Toleranz der Tauscher",
}

func (german) Param(path string) string {
	if s, ok := deParams[path]; ok {
		return s
	}
	if k, ok := strings.CutPrefix(path, "population.mix."); ok {
		return "Anteil der " + deKind(k)
	}
	return English.Param(path)
}

func (german) Metric(m sim.Metric) string {
	switch m {
	case sim.Income:
		return "Nettoeinkommen"
	case sim.IncomeRate:
		return "wöchentliches Nettoeinkommen"
	case sim.Earned:
		return "behaltenes Geschäft"
	case sim.Revenue:
		return "Umsatz"
	case sim.Costs:
		return "Kosten"
	case sim.ReferralsGiven:
		return "gegebene Empfehlungen"
	case sim.ReferralsReceived:
		return "erhaltene Empfehlungen"
	case sim.ValueGiven:
		return "empfohlener Wert"
	case sim.ValueReceived:
		return "erhaltener Wert"
	case sim.DealsClosed:
		return "Abschlüsse"
	case sim.HelpsGiven:
		return "Hilfen"
	case sim.Contacts:
		return "Kontakte"
	case sim.Image:
		return "Ansehen"
	case sim.Share:
		return "Anteil"
	}
	return m.String()
}

func (g german) SweepLines(f SweepFacts, t Titles) Slide {
	s := Slide{Name: "lines", X: g.Param(f.Axes[0]), Y: Capitalize(g.Metric(f.Metric)) + " am Ende", Keys: f.Strategies, Interval: deTerms["interval"],
		Subtitle:  fmt.Sprintf("Mittel aus %d Durchläufen je Punkt; schattiert: 95-%%-Intervall", f.Replicates),
		HowToRead: "Eine Linie je Strategie über den variierten Parameter: der Mittelwert bei jedem Wert, sein 95-%-Intervall schattiert."}
	if f.Metric == sim.Share {
		s.Y = "Anteil an den Mitgliedern am Ende"
	}
	switch {
	case f.Higher == "" || f.Lower == "":
		s.Title = fmt.Sprintf("%s am Ende je Strategie", Capitalize(g.Metric(f.Metric)))
	default:
		s.Title = fmt.Sprintf("%s vor %s bei %s in %d von %d Einstellungen", deKind(f.Higher), deDative(f.Lower), g.Metric(f.Metric), f.Ahead, f.Settings)
	}
	return s
}

func (g german) Heatmap(f SweepFacts, t Titles) Slide {
	verb := "lagen vor"
	if f.Metric == sim.Income || f.Metric == sim.Earned {
		verb = "verdienten mehr als"
	}
	obj := deKind(f.Lower)
	if verb == "lagen vor" {
		obj = deDative(f.Lower)
	}
	return Slide{Name: "heatmap", X: g.Param(f.Axes[0]), Y: g.Param(f.Axes[1]),
		Title:    fmt.Sprintf("%s %s %s in %d von %d Einstellungen", deKind(f.Higher), verb, obj, f.Ahead, f.Settings),
		Subtitle: fmt.Sprintf("Mittlerer Unterschied pro Mitglied über %d gepaarte Durchläufe; schwarze Linie: kein Unterschied", f.Replicates),
		Keys:     []string{fmt.Sprintf("%s minus %s, %s am Ende", deKind(f.Higher), deKind(f.Lower), g.Metric(f.Metric))},
		HowToRead: "Jede Zelle ist eine Einstellung der beiden variierten Parameter; Farbe und Zahl sind der mittlere Unterschied " +
			"zwischen den beiden Strategien (blau: die erste vorn, rot: dahinter). Die schwarze Linie markiert Gleichstand."}
}

// --- die Berichtsseite (internal/page) ---

func (german) Page() PageWords { return dePage{} }

// dePage ist die Berichtsseite auf Deutsch.
type dePage struct{}

func (dePage) RunKicker(name string) string { return "giversgain-Bericht · Lauf " + name }

func (dePage) RunFacts(members, chapters, rounds, replicates int, seed uint64) string {
	ch := "einem Chapter"
	if chapters > 1 {
		ch = deNum.Count(chapters) + " Chaptern"
	}
	return fmt.Sprintf("%s Mitglieder in %s, %s wöchentliche Treffen (%s), %s derselben Gruppe mit anderem Glück (Seed %d).",
		deNum.Count(members), ch, deNum.Count(rounds), german{}.horizon(rounds, false), deReplicates(replicates), seed)
}

// deReplicates zählt Wiederholungen: "eine Wiederholung", "32 Wiederholungen".
func deReplicates(n int) string {
	if n == 1 {
		return "eine Wiederholung"
	}
	return deNum.Count(n) + " Wiederholungen"
}

func (dePage) KeyNumbers() string { return "Die wichtigsten Zahlen" }

func (dePage) IntervalsExplained(rounds, replicates int) string {
	h := german{}.horizon(rounds, true)
	if replicates < 2 {
		return fmt.Sprintf("Jede Zahl gilt je Mitglied nach %s und stammt aus einer einzigen Wiederholung: Es gibt kein Intervall, kleine Unterschiede sind Rauschen.", h)
	}
	return fmt.Sprintf("Jede Zahl gilt je Mitglied nach %s, gemittelt über %s: dieselbe Gruppe, noch einmal gespielt, mit anderem Glück. "+
		"Das 95-%%-Intervall ist der Bereich, in dem der wahre Mittelwert in 95 von 100 Fällen liegt. "+
		"Wo sich die Intervalle zweier Strategien überlappen, kann dieser Lauf sie nicht unterscheiden.", h, deReplicates(replicates))
}

func (dePage) NetIncome() string          { return "Nettoeinkommen je Mitglied" }
func (dePage) PerDollar(x float64) string { return deNum.MoneyDecimal(x, 1) + " je 1" + nbsp + "$" }
func (dePage) GivesNothing() string       { return "– (gibt nichts)" }

func (dePage) Payback(week, rounds int) string {
	switch week {
	case 0:
		return fmt.Sprintf("Das mittlere Einkommen der Geber lag am Ende nicht vor dem der Nehmer: Sie zogen %s nie dauerhaft vorbei.", german{}.Over(rounds))
	case 1:
		return "Das mittlere Einkommen der Geber lag von der ersten Woche bis zum Ende vor dem der Nehmer."
	}
	return fmt.Sprintf("Das mittlere Einkommen der Geber lag ab %s bis zum Ende vor dem der Nehmer.", german{}.week(week, rounds))
}

func (dePage) Welfare(welfare, gini sim.Stat) string {
	var parts []string
	if welfare.N > 0 {
		s := "Alle Mitglieder zusammen kamen im Mittel auf je " + deNum.Money(welfare.Mean)
		if welfare.N >= 2 {
			s += " (95-%-Intervall " + deNum.MoneyRange(welfare.Low, welfare.High) + ")"
		}
		parts = append(parts, s+": der Wohlstand der ganzen Gruppe.")
	}
	if gini.N > 0 {
		parts = append(parts, fmt.Sprintf("Was die Mitglieder von ihrem Geschäft behielten, ist mit einem Gini-Koeffizienten von %s verteilt (0: alle behielten gleich viel; 1: einer behielt alles).", deNum.Decimal(gini.Mean, 2)))
	}
	return strings.Join(parts, " ")
}

func (dePage) ClaimsHeading() string { return "Behauptungen" }

func (dePage) ClaimsSummary(pass, total int) string {
	if pass == total {
		return fmt.Sprintf("Alle %d Behauptungen der Konfiguration halten.", total)
	}
	return fmt.Sprintf("%d der %d Behauptungen der Konfiguration halten; sim endet mit Status 1, wenn eine scheitert.", pass, total)
}

// deHeadings benennen die Diagramme in wenigen Worten.
var deHeadings = map[string]string{
	"income":       "Einkommen im Zeitverlauf",
	"distribution": "Das Endeinkommen jedes Mitglieds",
	"deciles":      "Wer oben und wer unten steht",
	"flows":        "Wer wem Geschäft empfiehlt",
	"professions":  "Einkommen nach Beruf",
	"shares":       "Wie sich die Strategien ausbreiten",
	"scenarios":    "Die Szenarien nebeneinander",
	"lines":        "Über den variierten Parameter",
	"indices":      "Was den Ausgang entscheidet",
	"ahead":        "Wie oft die Führenden vorn liegen, über den einflussreichsten Parameter",
	"heatmap":      "Über beide variierten Parameter",
}

func (dePage) ChartHeading(name string) string {
	if h, ok := deHeadings[name]; ok {
		return h
	}
	return name
}

func (dePage) HowToRead() string { return "So liest man es:" }

func (dePage) AssumptionsHeading() string { return "Was das Modell hier annimmt" }

func (dePage) Population(cfg sim.Config) string {
	p, r := cfg.Population, cfg.Referrals
	seats := "einem Mitglied je Beruf in jedem Chapter, wie BNI die Plätze vergibt"
	if p.Seats == sim.Shared {
		seats = "auf alle Mitglieder verteilten Berufen, mehrere gleiche je Chapter"
	}
	return fmt.Sprintf("%s Mitglieder treffen sich wöchentlich in Chaptern von etwa %d, mit %s; jedes pflegt bis zu %d Kontakte, das Chapter eingeschlossen, und lernt pro Woche etwa %s neue Kontakte außerhalb kennen. "+
		"Ein Kunde braucht einen anderen Beruf als den des Mitglieds; im Mittel kommen %s Kunden je Mitglied und Woche. Kollegen sehen eine Empfehlung oder ihr Zurückhalten mit Wahrscheinlichkeit %s.",
		deNum.Count(p.Members), p.ChapterSize, seats, p.MaxContacts, deNum.Decimal(r.MeetRate, 3), deNum.Decimal(r.Opportunities, 3), deNum.Decimal(r.Visibility, 3))
}

func (dePage) ChannelsIntro() string {
	return "Geber können nur vorn liegen, wenn ein Gefallen zu ihnen zurückkommt. Dies sind die Wege, auf denen er es kann, und ob diese Konfiguration sie offen lässt (sim channels misst, wie viel vom Vorsprung der Geber jeder Weg trägt):"
}

func (dePage) ChannelHead() [4]string {
	return [4]string{"Weg", "Hier", "Einstellung", "Was er bewirkt"}
}

// deChannelDocs sagen, was jeder Weg der Gegenseitigkeit aus Paket
// channels bewirkt; seine Namen sind die von sim channels (deChannels).
var deChannelDocs = map[string]string{
	"visibility":      "Kollegen sehen, wer gibt und wer zurückhält; das Ansehen lenkt umsichtige Mitglieder",
	"gratitude":       "eine Empfehlung stärkt das Vertrauen des Empfängers in den Empfehlenden, und das lenkt, wohin er empfiehlt",
	"close-rate link": "das Vertrauen des Empfehlenden in den Empfänger erhöht die Chance auf den Abschluss",
	"ledgers":         "Tauscher zahlen zurück, wer ihnen gab, und geben denen nichts mehr, die nichts zurückgeben",
	"help's trust":    "eine Hilfe (ein Einzelgespräch, ein Artikel) stärkt das Vertrauen des Unterstützten in den Helfer",
	"help's value":    "eine Hilfe bringt dem Unterstützten Geschäft",
}

func (dePage) Channel(name string) (string, string) {
	label := deChannels[name]
	if label == "" {
		label = name
	}
	return label, deChannelDocs[name]
}

func (dePage) Open(open bool) string {
	if open {
		return "offen"
	}
	return "geschlossen"
}

func (dePage) Costs(d Deals) string {
	n := deNum
	s := fmt.Sprintf("Geben kostet Zeit: Eine Empfehlung kostet den Geber %s, eine Hilfe %s. "+
		"Ein empfohlener Auftrag bringt seinem Empfänger im Mittel %s Umsatz, wovon er %s behält (seine Marge); der mittlere Auftrag reicht von %s (%s) bis %s (%s).",
		n.Money(d.ReferCost), n.Money(d.HelpCost), n.Money(d.Mean), n.Money(d.Kept),
		n.Money(d.CheapestValue), deProfession(d.Cheapest), n.Money(d.DearestValue), deProfession(d.Dearest))
	if d.Kept > 0 {
		s += fmt.Sprintf(" Das Verhältnis von Kosten zu Nutzen liegt bei etwa %s: Gegenseitigkeit trägt das Geben, solange die Chance, dass ein Gefallen zurückkommt, größer ist (Nowak 2006).", n.Sig(d.ReferCost/d.Kept, 2))
	}
	return s
}

func (dePage) EvolutionRule(ev sim.Evolution) string {
	if ev.Period <= 0 {
		return "Die Mitglieder behalten ihre Strategie über den ganzen Lauf."
	}
	switch ev.Rule {
	case sim.Churn:
		return fmt.Sprintf("Alle %d Wochen gehen die %s der Mitglieder, die am wenigsten gewannen, und Neue kommen mit den Strategien, die sichtbar zahlen.", ev.Period, deNum.Percent(ev.ChurnFraction))
	case sim.Generation:
		return fmt.Sprintf("Alle %d Wochen übernimmt eine neue Generation die Strategien im Verhältnis zu ihrem Erfolg.", ev.Period)
	}
	return fmt.Sprintf("Alle %d Wochen darf jedes Mitglied ein besser verdienendes anderes nachahmen (je größer der Abstand, desto wahrscheinlicher) und wählt selten eine zufällige Strategie (Mutation %s).", ev.Period, deNum.Decimal(ev.Mutation, 4))
}

func (dePage) ReproduceHeading() string { return "Nachrechnen" }

func (dePage) ReproduceIntro(version string, hasCommand bool) string {
	s := "Diese Seite schrieb giversgain sim " + version + ". In diesem Ordner ausgeführt, rechnet der erste Befehl alles aus der aufgelösten Konfiguration daneben nach und schreibt den Ordner mit jeder Zahl bytegleich neu."
	if hasCommand {
		s += " Der zweite ist der Befehl, der ihn schrieb."
	}
	return s
}

func (dePage) SourceHeading() string { return "Quelle" }

func (dePage) Source() []string {
	return []string{
		"Die geprüften Behauptungen stammen aus dem Artikel „Vermeiden Sie ‚münzbetriebene‘ Netzwerke“ in der „Givers Gain“-Tradition von BNI. " +
			"Dasselbe Argument auf Englisch ist „Resist Coin-Operated Networking“ in Fresh Business Thinking.",
		"Das Modell mit jeder Gleichung, jedem Standardwert und seiner Quelle steht in sim/MODEL.md im Projekt giversgain; nichts darin ist so eingestellt, dass Geber gewinnen.",
	}
}

func (dePage) Footer(version string) string {
	return "Geschrieben von giversgain sim " + version + ". Die Seite enthält keinen Zeitstempel: dieselbe Konfiguration ergibt dieselbe Seite."
}

func (dePage) CompareKicker(names []string) string {
	return "giversgain-Vergleich · " + strings.Join(names, ", ")
}

func (dePage) CompareHeadline(scenarios int) string {
	return fmt.Sprintf("%s Szenarien nebeneinander, auf einer Skala", deNum.Count(scenarios))
}

func (dePage) CompareFacts(ss []ScenarioFacts) string {
	var parts []string
	for _, s := range ss {
		parts = append(parts, fmt.Sprintf("%s: %s Mitglieder, %s, %s", s.Name, deNum.Count(s.Members), german{}.horizon(s.Rounds, false), deReplicates(s.Replicates)))
	}
	return strings.Join(parts, "; ") + "."
}

// short sagt ein Urteil in wenigen Worten für eine Achsenbeschriftung:
// "Nehmer +44 %", "Geber 2,1×", "kein klarer Sieger".
func (dePage) short(v Verdict) string {
	switch v.Case {
	case Level, Unclear:
		return "kein klarer Sieger"
	case Clear:
	default:
		return ""
	}
	switch v.Measure {
	case Times:
		return deKind(v.Lead) + " " + deNum.Decimal(v.Est.Mean, 1) + "×"
	case Dollars:
		return deKind(v.Lead) + " +" + deNum.Round(v.Est.Mean)
	}
	return deKind(v.Lead) + " +" + deNum.Signed(v.Est.Mean, 0) + deNum.Pct()
}

func (g dePage) Scenarios(f ScenarioWordsFacts) Slide {
	ahead := map[string][]string{}
	var order []string
	for i, v := range f.Verdicts {
		who := ""
		if v.Case == Clear {
			who = v.Lead
		}
		if _, ok := ahead[who]; !ok {
			order = append(order, who)
		}
		ahead[who] = append(ahead[who], f.Scenarios[i])
	}
	var parts []string
	for _, who := range order {
		list := deList(ahead[who])
		if who == "" {
			parts = append(parts, "kein klarer Sieger in "+list)
			continue
		}
		parts = append(parts, deKind(who)+" vorn in "+list)
	}
	title := Capitalize(strings.Join(parts, "; "))
	if len(order) == 1 && order[0] == "" {
		title = fmt.Sprintf("Kein klarer Sieger in allen %d Szenarien", len(f.Scenarios))
	}
	s := Slide{Name: "scenarios", Title: title,
		Subtitle: fmt.Sprintf("Mittleres Nettoeinkommen je Mitglied %s; dünne Linien: 95-%%-Intervalle über %s; alle Szenarien auf einer Skala",
			german{}.After(f.Rounds), deReplicates(f.Replicates)),
		Y: "Nettoeinkommen je Mitglied am Ende", Interval: deTerms["interval"],
		HowToRead: "Eine Balkengruppe je Szenario: jeder Balken ist das mittlere Nettoeinkommen je Mitglied einer Strategie am Ende, die dünne Linie darauf sein 95-%-Intervall. " +
			"Alle Szenarien stehen auf derselben Skala, gleiche Höhe heißt gleich viele Dollar; unter jedem Szenario steht, wer vorn lag."}
	for i, name := range f.Scenarios {
		s.Ticks = append(s.Ticks, name+"\n"+g.short(f.Verdicts[i]))
	}
	return s
}

// deList verbindet Namen: "a", "a und b", "a, b und c".
func deList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " und " + xs[len(xs)-1]
}

func (dePage) SharedScale() string {
	return "Jedes Diagramm unten steht einmal je Szenario da, für alle Szenarien auf einer Skala: gleiche Höhe heißt auf jeder Folie gleich viele Dollar, die Folien lassen sich also nebeneinander zeigen."
}

func (dePage) ScenarioHeading(scenario, chart string) string { return scenario + ": " + chart }

func (dePage) ScenariosHeading() string { return "Die Szenarien" }

func (dePage) ScenarioHead() [4]string {
	return [4]string{"Szenario", "Was geschah", "Mitglieder, Wochen, Wiederholungen", "Quelle"}
}

func (dePage) SweepKicker(name string) string { return "giversgain-Parameterstudie · " + name }

func (dePage) SweepFacts(points, replicates int, axes []string) string {
	return fmt.Sprintf("%s Einstellungen von %s, je %s.", deNum.Count(points), deList(axes), deReplicates(replicates))
}

func (dePage) SweepReproduce(name, hash string) string {
	return fmt.Sprintf("Die Datei der Parameterstudie %s (Konfigurations-Hash %s) rechnet sie nach, und ihr Checkpoint setzt sie dort fort, wo sie stehen blieb: sim sweep -config DATEI. In Teilen gerechnet und mit sim merge zusammengeführt, entsteht diese Seite bytegleich.", name, hash)
}

func (dePage) StudyKicker(name string) string { return "giversgain-Sensitivitätsanalyse · " + name }

func (dePage) StudyFacts(points, replicates, params int) string {
	return fmt.Sprintf("%s Einstellungen von %s zugleich variierten Parametern, je %s.", deNum.Count(points), deNum.Count(params), deReplicates(replicates))
}

func (dePage) IndicesHeading() string { return "Der Einfluss jedes Parameters" }

func (dePage) StudyReproduce(name, hash string) string {
	return fmt.Sprintf("Die Studiendatei %s (Konfigurations-Hash %s) rechnet sie nach, und ihr Checkpoint setzt sie dort fort, wo sie stehen blieb: sim sensitivity -config DATEI. samples.csv enthält jede Einstellung mit ihren Ergebnissen in der Reihenfolge des Designs; daraus berechnen SALib oder das R-Paket sensitivity die Indizes nach (docs/sensitivity.md). In Teilen gerechnet und mit sim merge zusammengeführt, entsteht diese Seite bytegleich.", name, hash)
}

func (dePage) StudyHowToRead(chart string) string {
	switch chart {
	case "indices":
		return "Der Anteil jedes Parameters an der Varianz des Ergebnisses über alle Einstellungen, der einflussreichste zuerst. Der Index erster Ordnung ist, was der Parameter allein erklärt; der Totalindex nimmt alles hinzu, was er im Zusammenspiel mit anderen bewirkt: Liegt er weit über dem Index erster Ordnung, wirkt der Parameter über Wechselwirkungen. Die Striche sind Bootstrap-Intervalle; ein Index, dessen Intervall bis null reicht, spielt womöglich gar keine Rolle. Ein Morris-Screening allein ordnet die Parameter stattdessen nach ihrer mittleren absoluten Wirkung."
	case "ahead":
		return "Alle Einstellungen der Studie, nach dem einflussreichsten Parameter in Klassen geteilt, während jeder andere Parameter über seinen Bereich variiert: Die Linie ist der Anteil der Einstellungen jeder Klasse, in denen die führende Strategie vorn endet, das Band ihr 95-%-Intervall. Wo die Linie fällt, hört Geben auf, sich zu lohnen."
	}
	return ""
}
