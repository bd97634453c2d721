package meeting

// Party is who must act at a step of a booking's workflow (Articles 9–12).
type Party string

// The parties of the workflow.
const (
	PartyDepartment   Party = "department"    // the Department of Science and Technology confirms (Article 9.1)
	PartyControl      Party = "control"       // the control center (Digital Transformation Center)
	PartyControlSites Party = "control_sites" // the control center with every bridge point (Article 10.2.b, c)
	PartyHost         Party = "host"          // the host unit
	PartySites        Party = "sites"         // every bridge point (Article 12.3: the meeting log)
)

// MustAct returns who must act for step s: the Department confirms; the Digital
// Transformation Center tells the power company and delivers the recordings; the control
// center runs the test session and the final check with the bridge points; the host opens and
// closes the meeting; each bridge point fills its log.
func MustAct(s Step) Party {
	switch s {
	case StepConfirmed:
		return PartyDepartment
	case StepPowerNotified, StepRecordingsDelivered:
		return PartyControl
	case StepTestDone, StepFinalCheckDone:
		return PartyControlSites
	case StepLogSubmitted:
		return PartySites
	}
	return PartyHost
}
