package conformance

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/robfig/cron/v3"
)

// Velero's image runs in UTC: a schedule without a zone prefix (or with
// CRON_TZ=Local) is parsed into time.Local, which must then be UTC here too.
func init() {
	time.Local = time.UTC
}

// runGap is the longest interval between consecutive runs of a schedule in a
// year, and the unix second of the run that starts it (src/validation/cron-runs.ts).
type runGap struct {
	Never     bool
	Seconds   int64
	StartUnix int64
}

// gapCase mirrors an entry of testdata/gaps.json (test/conformance/write-gap-corpus.ts).
type gapCase struct {
	Spec string          `json:"spec"`
	Year int             `json:"year"`
	Gap  json.RawMessage `json:"gap"`
}

func (c gapCase) ours() (runGap, error) {
	var never string
	if err := json.Unmarshal(c.Gap, &never); err == nil {
		if never != "never" {
			return runGap{}, fmt.Errorf("gap %q is neither an object nor \"never\"", never)
		}
		return runGap{Never: true}, nil
	}
	var gap struct {
		Seconds   *int64 `json:"seconds"`
		StartUnix *int64 `json:"startUnix"`
		Error     string `json:"error"` // longestRunGap threw (write-gap-corpus.ts)
	}
	if err := json.Unmarshal(c.Gap, &gap); err != nil {
		return runGap{}, fmt.Errorf("gap %s: %v", c.Gap, err)
	}
	if gap.Error != "" {
		return runGap{}, fmt.Errorf("our longestRunGap failed: %s", gap.Error)
	}
	if gap.Seconds == nil || gap.StartUnix == nil {
		return runGap{}, fmt.Errorf("gap %s lacks seconds or startUnix", c.Gap)
	}
	return runGap{Seconds: *gap.Seconds, StartUnix: *gap.StartUnix}, nil
}

// scheduleLocation is the zone the schedule's runs are counted in: its
// CRON_TZ=/TZ= prefix, taken as robfig's parser takes it, or UTC.
func scheduleLocation(spec string) (*time.Location, error) {
	if !strings.HasPrefix(spec, "TZ=") && !strings.HasPrefix(spec, "CRON_TZ=") {
		return time.UTC, nil
	}
	i := strings.Index(spec, " ")
	if i < 0 {
		return nil, fmt.Errorf("zone prefix without a schedule")
	}
	eq := strings.Index(spec, "=")
	return time.LoadLocation(spec[eq+1 : i]) // "" is UTC; "Local" is time.Local, UTC here
}

// lookBacks are how far before the window's start the last run at or before
// it is searched for, in this order (robfig's Next gives up after five years).
var lookBacks = []time.Duration{
	time.Hour, 24 * time.Hour, 8 * 24 * time.Hour, 32 * 24 * time.Hour, 367 * 24 * time.Hour, 5 * 367 * 24 * time.Hour,
}

// veleroNext is the run after a run at r: robfig's Next, except where Next
// gives a time not after r (it can, in an hour a clock change repeats); the
// schedule is then due at once, which is modelled as one second later.
func veleroNext(s *cron.SpecSchedule, r time.Time) time.Time {
	n := s.Next(r)
	if !n.IsZero() && !n.After(r) {
		return r.Add(time.Second)
	}
	return n
}

// robfigRunGap is the longest interval between consecutive runs of spec that
// matter for the year, with Velero's parser and robfig's Next, each run
// computed from the one before as Velero's schedule controller does.
func robfigRunGap(spec string, year int) (runGap, *time.Location, error) {
	schedule, err := cron.ParseStandard(spec)
	if err != nil {
		return runGap{}, nil, err
	}
	loc, err := scheduleLocation(spec)
	if err != nil {
		return runGap{}, nil, err
	}
	start := time.Date(year, 1, 1, 0, 0, 0, 0, loc)
	end := time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
	switch s := schedule.(type) {
	case cron.ConstantDelaySchedule:
		return runGap{Seconds: int64(s.Delay / time.Second), StartUnix: start.Unix()}, loc, nil
	case *cron.SpecSchedule:
		if s.Location.String() != loc.String() {
			return runGap{}, nil, fmt.Errorf("parsed into zone %v, expected %v", s.Location, loc)
		}
		// The window in the schedule's own zone (time.Local is time.UTC here).
		loc = s.Location
		start = time.Date(year, 1, 1, 0, 0, 0, 0, loc)
		end = time.Date(year+1, 1, 1, 0, 0, 0, 0, loc)
		var r time.Time
		found := false
		for _, back := range lookBacks {
			r = s.Next(start.Add(-back))
			if r.IsZero() || r.After(start) {
				continue
			}
			for n := veleroNext(s, r); !n.IsZero() && !n.After(start); n = veleroNext(s, r) {
				r = n
			}
			found = true
			break
		}
		if !found {
			return runGap{Never: true}, loc, nil
		}
		best := runGap{Seconds: -1}
		for r.Before(end) {
			n := veleroNext(s, r)
			if n.IsZero() {
				return runGap{Never: true}, loc, nil
			}
			if seconds := int64(n.Sub(r) / time.Second); seconds > best.Seconds {
				best = runGap{Seconds: seconds, StartUnix: r.Unix()}
			}
			r = n
		}
		return best, loc, nil
	default:
		return runGap{}, nil, fmt.Errorf("unexpected schedule type %T", schedule)
	}
}

func describeGap(gap runGap, loc *time.Location) string {
	if gap.Never {
		return "never"
	}
	from := time.Unix(gap.StartUnix, 0).In(loc)
	to := from.Add(time.Duration(gap.Seconds) * time.Second)
	return fmt.Sprintf("%ds (%v) from %s to %s", gap.Seconds, time.Duration(gap.Seconds)*time.Second, from.Format(time.RFC3339), to.Format(time.RFC3339))
}

func loadGapCases(t *testing.T) []gapCase {
	t.Helper()
	path := filepath.Join("testdata", "gaps.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v: write it first with `ts-node --transpile-only test/conformance/write-gap-corpus.ts` from the project root (a step of `npx projen conformance`)", err)
	}
	var cases []gapCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	const minCases = 500
	if len(cases) < minCases {
		t.Fatalf("%s holds %d cases; at least %d are expected", path, len(cases), minCases)
	}
	return cases
}

// TestRunGaps checks our longest interval between consecutive backup runs
// (longestRunGap in src/validation/cron-runs.ts) against robfig/cron v3's Next
// on every case of testdata/gaps.json.
func TestRunGaps(t *testing.T) {
	cases := loadGapCases(t)
	type outcome struct {
		robfig runGap
		loc    *time.Location
		err    error
	}
	outcomes := make([]outcome, len(cases))
	began := time.Now()
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				gap, loc, err := robfigRunGap(cases[i].Spec, cases[i].Year)
				outcomes[i] = outcome{gap, loc, err}
			}
		}()
	}
	for i := range cases {
		next <- i
	}
	close(next)
	wg.Wait()

	agreements, nevers := 0, 0
	for i, c := range cases {
		o := outcomes[i]
		if o.err != nil {
			t.Errorf("%q (%d): robfig refuses it: %v; only schedules ParseStandard takes belong in the corpus", c.Spec, c.Year, o.err)
			continue
		}
		ours, err := c.ours()
		if err != nil {
			t.Errorf("%q (%d): %v", c.Spec, c.Year, err)
			continue
		}
		if o.robfig.Never {
			nevers++
		}
		if ours == o.robfig {
			agreements++
			continue
		}
		t.Errorf("disagreement on %q in %d\n  ours:   %s\n  robfig: %s", c.Spec, c.Year, describeGap(ours, o.loc), describeGap(o.robfig, o.loc))
	}
	t.Logf("%d cases, %d agreements, %d disagreements (%d never run by robfig); robfig's side took %v",
		len(cases), agreements, len(cases)-agreements, nevers, time.Since(began).Round(time.Millisecond))
}

// TestRobfigRunGapByHand pins the Go side of TestRunGaps on cases worked out by hand.
func TestRobfigRunGapByHand(t *testing.T) {
	at := func(zone string, year int, month time.Month, day, hour, minute int) int64 {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		return time.Date(year, month, day, hour, minute, 0, 0, loc).Unix()
	}
	const hour, day = int64(3600), int64(24 * 3600)
	for _, c := range []struct {
		spec string
		year int
		want runGap
	}{
		// 02:30 does not exist on 28 March 2027 (CET to CEST at 02:00): from the
		// 27th at 02:30 CET to the 29th at 02:30 CEST.
		{"CRON_TZ=Europe/Berlin 30 2 * * *", 2027, runGap{Seconds: 47 * hour, StartUnix: at("Europe/Berlin", 2027, 3, 27, 2, 30)}},
		// The same skip on a Sunday-only schedule: from 21 March to 4 April, two weeks less an hour.
		{"CRON_TZ=Europe/Berlin 30 2 * * 0", 2027, runGap{Seconds: 14*day - hour, StartUnix: at("Europe/Berlin", 2027, 3, 21, 2, 30)}},
		{"0 0 1 * *", 2027, runGap{Seconds: 31 * day, StartUnix: at("UTC", 2027, 1, 1, 0, 0)}},
		{"@monthly", 2027, runGap{Seconds: 31 * day, StartUnix: at("UTC", 2027, 1, 1, 0, 0)}},
		// The run before 2027 is 29 February 2024; the next, 29 February 2028.
		{"0 0 29 2 *", 2027, runGap{Seconds: 1461 * day, StartUnix: at("UTC", 2024, 2, 29, 0, 0)}},
		// The 31st of the 7 months that have one; 61 days from 31 March to 31 May first.
		{"0 0 31 * *", 2027, runGap{Seconds: 61 * day, StartUnix: at("UTC", 2027, 3, 31, 0, 0)}},
		{"0 0 30 2 *", 2027, runGap{Never: true}},
		{"@every 36h", 2027, runGap{Seconds: 36 * hour, StartUnix: at("UTC", 2027, 1, 1, 0, 0)}},
		{"TZ=Asia/Kolkata @every 90m30.9s", 2027, runGap{Seconds: 90*60 + 30, StartUnix: at("Asia/Kolkata", 2027, 1, 1, 0, 0)}},
		{"CRON_TZ=Local 0 1 * * *", 2027, runGap{Seconds: day, StartUnix: at("UTC", 2026, 12, 31, 1, 0)}},
		{"CRON_TZ= 0 1 * * *", 2027, runGap{Seconds: day, StartUnix: at("UTC", 2026, 12, 31, 1, 0)}},
		// Midnight does not exist on 14 March 2027 in Havana (00:00 CST becomes 01:00 CDT).
		{"CRON_TZ=America/Havana 0 0 * * *", 2027, runGap{Seconds: 47 * hour, StartUnix: at("America/Havana", 2027, 3, 13, 0, 0)}},
		// robfig runs at 01:30 EDT and again at 01:30 EST on 7 November 2027, never
		// 25 hours apart; the first of the 24-hour gaps starts the year's chain.
		{"CRON_TZ=America/New_York 30 1 * * *", 2027, runGap{Seconds: 24 * hour, StartUnix: at("America/New_York", 2026, 12, 31, 1, 30)}},
	} {
		got, loc, err := robfigRunGap(c.spec, c.year)
		if err != nil {
			t.Errorf("%q: %v", c.spec, err)
			continue
		}
		if got != c.want {
			t.Errorf("%q in %d:\n  got:  %s\n  want: %s", c.spec, c.year, describeGap(got, loc), describeGap(c.want, loc))
		}
	}
}
