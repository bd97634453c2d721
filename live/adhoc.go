package live

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"diemcau/mcu"
	"diemcau/store"
)

// Adhoc is a meeting opened without a booking: a title, a host unit, a main bridge point and
// the sites expected, picked by name, by unit kind ("commune" and "ward": every commune and ward
// in one step) or all of the registry.
type Adhoc struct {
	Title     string
	HostUnit  string   // "" = the main bridge point's unit
	Main      string   // the main bridge point; "" = the registry's main one
	Sites     []string // bridge points by id
	UnitKinds []string // every bridge point of units of these kinds
	All       bool     // every registered bridge point
}

// AdhocError says what is wrong with an ad hoc meeting's description.
type AdhocError struct {
	Lang   string
	Reason string // "noTitle", "unknownMain", "unknownSite", "unknownUnit", "unknownKind", "noSites"
	Value  string
}

func (e *AdhocError) Error() string {
	if e.Value == "" {
		return text(e.Lang, "adhoc."+e.Reason)
	}
	return fmt.Sprintf(text(e.Lang, "adhoc."+e.Reason), e.Value)
}

// unitKinds are the kinds of unit the registry knows.
var unitKinds = []string{"province", "agency", "commune", "ward"}

// OpenAdhoc opens the ad hoc meeting a describes, its sites expected (admitted without a knock).
func (m *Manager) OpenAdhoc(ctx context.Context, a Adhoc, actor string) (*mcu.Conference, error) {
	members, mainBP, hostUnit, err := m.adhocMembers(ctx, a)
	if err != nil {
		return nil, err
	}
	return m.Open(ctx, Spec{Meeting: store.Meeting{Title: strings.TrimSpace(a.Title), HostUnit: hostUnit, MainBP: mainBP},
		Members: members, Actor: actor})
}

// adhocMembers resolves a's bridge points against the registry: main first, then the sites.
func (m *Manager) adhocMembers(ctx context.Context, a Adhoc) (members []store.BridgePoint, mainBP, hostUnit string, err error) {
	if strings.TrimSpace(a.Title) == "" {
		return nil, "", "", &AdhocError{Lang: m.lang, Reason: "noTitle"}
	}
	bps, err := m.st.BridgePoints(ctx)
	if err != nil {
		return nil, "", "", err
	}
	units, err := m.st.Units(ctx)
	if err != nil {
		return nil, "", "", err
	}
	kindOf := make(map[string]string, len(units))
	for _, u := range units {
		kindOf[u.ID] = u.Kind
	}
	byID := make(map[string]store.BridgePoint, len(bps))
	for _, bp := range bps {
		byID[bp.ID] = bp
	}
	mainBP = a.Main
	if i := store.MainIndex(bps); mainBP == "" && i >= 0 {
		mainBP = bps[i].ID
	}
	seen := map[string]bool{}
	add := func(bp store.BridgePoint) {
		if !seen[bp.ID] {
			seen[bp.ID] = true
			members = append(members, bp)
		}
	}
	if mainBP != "" {
		main, ok := byID[mainBP]
		if !ok {
			return nil, "", "", &AdhocError{Lang: m.lang, Reason: "unknownMain", Value: mainBP}
		}
		add(main)
		hostUnit = main.UnitID
	}
	if a.HostUnit != "" {
		if _, ok := kindOf[a.HostUnit]; !ok {
			return nil, "", "", &AdhocError{Lang: m.lang, Reason: "unknownUnit", Value: a.HostUnit}
		}
		hostUnit = a.HostUnit
	}
	for _, k := range a.UnitKinds {
		if !slices.Contains(unitKinds, k) {
			return nil, "", "", &AdhocError{Lang: m.lang, Reason: "unknownKind", Value: k}
		}
	}
	for _, id := range a.Sites {
		bp, ok := byID[id]
		if !ok {
			return nil, "", "", &AdhocError{Lang: m.lang, Reason: "unknownSite", Value: id}
		}
		add(bp)
	}
	for _, bp := range bps {
		if a.All || slices.Contains(a.UnitKinds, kindOf[bp.UnitID]) {
			add(bp)
		}
	}
	if len(members) == 0 {
		return nil, "", "", &AdhocError{Lang: m.lang, Reason: "noSites"}
	}
	return members, mainBP, hostUnit, nil
}
