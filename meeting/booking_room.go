package meeting

import "diemcau/store"

// HostRoom returns the room of Article 9.3 for a meeting of kind hosted by hostUnit, among the
// registry's units and bridge points: the PPC Office room for the province's meetings, the
// host's own room otherwise. It is the rule the Desk applies, for forms that show the room
// before the booking is filed.
func HostRoom(units []store.Unit, bps []store.BridgePoint, kind, hostUnit string) (store.BridgePoint, bool) {
	reg := newRegistry(units, bps)
	id, ok := reg.hostRoom(kind, hostUnit)
	if !ok {
		return store.BridgePoint{}, false
	}
	return reg.bps[id], true
}
