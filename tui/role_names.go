package tui

// Role is what a technician may do in the console.
type Role string

// The roles of DESIGN.md.
const (
	RoleControl  Role = "control"  // control center: everything
	RoleHost     Role = "host"     // main bridge point: floor control and far-end mute
	RoleOperator Role = "operator" // one bridge point's operator
	RoleViewer   Role = "viewer"   // read-only
)
