package store

import "time"

// Unit is an organisation that owns bridge points: the PPC Office, a provincial agency, a commune or ward.
type Unit struct {
	ID   string // short code, e.g. "UBND-TINH", "SO-KHCN", "XA-IAGRAI"
	Name string // full Vietnamese name
	Kind string // "province", "agency", "commune", "ward"
}

// BridgePoint is a site with a meeting room and a VCS terminal (điểm cầu).
type BridgePoint struct {
	ID         string // stable code used in URLs and the CLI, e.g. "XA-IAGRAI"
	Name       string
	UnitID     string
	Role       string // "main" or "sub"
	Room       string
	Address    string
	DeviceIP   string // VCS terminal IP, may be empty
	SecretHash string // hash of the join credential; empty when none was issued
}

// MainIndex is the position of the main bridge point (role "main") in bps, the first when
// several are; -1 when there is none.
func MainIndex(bps []BridgePoint) int {
	for i, bp := range bps {
		if bp.Role == "main" {
			return i
		}
	}
	return -1
}

// Technician is a person trained (or not) to operate a bridge point or the control center.
type Technician struct {
	ID        int64
	Name      string
	UnitID    string
	Phone     string
	Email     string
	Trained   bool
	TrainedAt time.Time // when the training was completed; zero when unknown or not trained
}

// Meeting is one online meeting (ad hoc or booked).
type Meeting struct {
	ID        int64
	Title     string
	HostUnit  string // unit ID of the host (đơn vị chủ trì)
	Chair     string // chair's name and title
	Kind      string // Article 5.2: "a", "b", "c", "d" (or "" for ad hoc)
	MainBP    string // bridge point ID of the main bridge point
	Status    string // "live", "closed"
	StartedAt time.Time
	EndedAt   time.Time // zero while live
	// LogSubmittedAt is when its Appendix II log was submitted; zero until then (incidents
	// stay editable after the close until it is).
	LogSubmittedAt time.Time
}

// Session is one connection of a bridge point to a meeting: join and leave times.
type Session struct {
	ID          int64
	MeetingID   int64
	BridgePoint string
	JoinedAt    time.Time
	LeftAt      time.Time // zero while connected
	LeaveReason string
}

// AuditEntry is one technician (or system) action, journaled before it is acknowledged.
type AuditEntry struct {
	ID          int64
	At          time.Time
	MeetingID   int64 // 0 when not tied to a meeting
	Actor       string
	Action      string // e.g. "mute", "unmute", "mute_all", "floor_grant", "speak_forward", "incident_save"
	BridgePoint string
	Detail      string
}

// SpeakRequest is a bridge point's request to speak, and what became of it.
type SpeakRequest struct {
	ID          int64
	MeetingID   int64
	BridgePoint string
	State       string // "waiting", "forwarded", "granted", "done", "dismissed", "cancelled"
	RequestedAt time.Time
	UpdatedAt   time.Time
	UpdatedBy   string
}

// Incident is a fault at a bridge point (sự cố): line, audio, video, power, device, other.
type Incident struct {
	ID          int64
	MeetingID   int64
	BridgePoint string
	Kind        string // "line", "audio", "video", "power", "device", "other"
	Description string
	StartedAt   time.Time
	EndedAt     time.Time // zero while open
	ActionTaken string
	ReportedBy  string
	Status      string // "draft", "open", "resolved"
}
