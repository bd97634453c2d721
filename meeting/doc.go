// Package meeting holds the regulation's workflow: bookings (Appendix I), the working-day calendar, deadlines, conflicts, test-session checklists, meeting close (Appendix II) and reports (Appendix III).
package meeting
