package store

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// kindRank orders units the way technicians read the registry: the province, its
// agencies, then wards and communes.
var kindRank = map[string]int{"province": 0, "agency": 1, "ward": 2, "commune": 3}

func rank(kind string) int {
	if r, ok := kindRank[kind]; ok {
		return r
	}
	return len(kindRank)
}

// vietnamese returns a collator for Vietnamese names (Đ after D, Ơ after O, …).
// A collator is not safe for concurrent use, so each sort makes its own.
func vietnamese() *collate.Collator {
	return collate.New(language.Vietnamese, collate.IgnoreCase)
}

func sortUnits(us []Unit) {
	c := vietnamese()
	sort.SliceStable(us, func(i, j int) bool {
		if ri, rj := rank(us[i].Kind), rank(us[j].Kind); ri != rj {
			return ri < rj
		}
		if d := c.CompareString(us[i].Name, us[j].Name); d != 0 {
			return d < 0
		}
		return us[i].ID < us[j].ID
	})
}

// kindedBridgePoint is a bridge point with its unit's kind, for sorting.
type kindedBridgePoint struct {
	bp   BridgePoint
	kind string
}

func sortBridgePoints(list []kindedBridgePoint) []BridgePoint {
	c := vietnamese()
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if am, bm := a.bp.Role == "main", b.bp.Role == "main"; am != bm {
			return am
		}
		if ra, rb := rank(a.kind), rank(b.kind); ra != rb {
			return ra < rb
		}
		if d := c.CompareString(a.bp.Name, b.bp.Name); d != 0 {
			return d < 0
		}
		return a.bp.ID < b.bp.ID
	})
	out := make([]BridgePoint, len(list))
	for i, k := range list {
		out[i] = k.bp
	}
	return out
}
