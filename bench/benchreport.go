package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Result is what `diemcau bench` measured; the JSON keys are the issue's.
type Result struct {
	Endpoints   int     `json:"endpoints"`
	Seconds     float64 `json:"seconds"`
	PPSIn       float64 `json:"pps_in"`  // RTP packets a second received by the MCU
	PPSOut      float64 `json:"pps_out"` // RTP packets a second forwarded by the MCU
	MCUCPUPct   float64 `json:"mcu_cpu_pct"`
	USPerPacket float64 `json:"us_per_packet"` // MCU CPU µs per forwarded packet, everything included
	// USPerPacketKernel is the part of USPerPacket spent in the kernel: system calls, and on
	// loopback also the delivery of each packet into the receiving endpoint's socket.
	USPerPacketKernel float64 `json:"us_per_packet_kernel"`
	MCURSSMB          float64 `json:"mcu_rss_mb"`
	RSSPerEndpointMB  float64 `json:"mcu_rss_per_endpoint_mb"`
	LossPct           float64 `json:"loss_pct"` // receivers' loss from sequence gaps on their slots
	JoinP50Ms         float64 `json:"join_p50_ms"`
	JoinP99Ms         float64 `json:"join_p99_ms"`
	JoinMaxMs         float64 `json:"join_max_ms"`
	Joined            int     `json:"joined"`
	JoinFailed        int     `json:"join_failed"` // not connected and receiving within 30 s; counted as 30 s in the percentiles
	Connected         int     `json:"connected"`   // connected at the end of the window, per the MCU
	MuteToSilenceMs   float64 `json:"mute_to_silence_ms"`
	AudioAfterMute    uint64  `json:"audio_after_mute"` // audio packets of the muted source forwarded after the acknowledgement
	MuteSourceHeard   bool    `json:"mute_source_heard"`
	RequestedKbps     float64 `json:"requested_kbps"`
	InKbps            float64 `json:"in_kbps_per_endpoint"` // measured: the clip's own bitrate, audio included
	MCUCPUList        string  `json:"mcu_cpu,omitempty"`
	LoadCPUPct        float64 `json:"load_cpu_pct"` // the soft endpoints' process, % of one core: near the free cores' total, the generator limits the run
	LoadAverage       float64 `json:"load_average"` // the machine's 1-minute load average at the end: other work shares the cores

	// SIP room systems (--sip N); absent from the JSON of a WebRTC-only bench.
	SIP       int     `json:"sip,omitempty"`
	SIPJoined int     `json:"sip_joined,omitempty"`
	SIPFailed int     `json:"sip_failed,omitempty"`  // not answered and receiving the mix within 30 s; counted as 30 s
	DialP50Ms float64 `json:"dial_p50_ms,omitempty"` // INVITE to the first packet of the mix
	DialP99Ms float64 `json:"dial_p99_ms,omitempty"`
	DialMaxMs float64 `json:"dial_max_ms,omitempty"`
	// USPerMix is the MCU CPU per mixed stream and 20 ms tick: the CPU above what it spent with
	// only the WebRTC endpoints in (read just before the dials), over SIP sites × ticks.
	USPerMix float64 `json:"us_per_mix,omitempty"`
	// USPerMixAll is all the MCU's CPU over SIP sites × ticks: an upper bound.
	USPerMixAll       float64 `json:"us_per_mix_all,omitempty"`
	RSSPerSIPMB       float64 `json:"mcu_rss_per_sip_mb,omitempty"` // RSS growth from the dials, per SIP site
	SIPLossPct        float64 `json:"sip_loss_pct,omitempty"`       // the SIP sites' loss (mix and picture) from sequence gaps
	SIPMixPPS         float64 `json:"sip_mix_pps,omitempty"`        // mix packets a second each SIP site received: 50 when the MCU keeps up
	SIPVideo          int     `json:"sip_video,omitempty"`          // calls whose answer took the H.264 picture
	SIPVideoInPPS     float64 `json:"sip_video_in_pps,omitempty"`   // picture packets a second received by each of them
	MixLatencyP50Ms   float64 `json:"mix_latency_p50_ms,omitempty"`
	MixLatencyP99Ms   float64 `json:"mix_latency_p99_ms,omitempty"`
	MixLatencySamples int     `json:"mix_latency_samples,omitempty"`
}

// WriteJSON writes r as one JSON object to path.
func (r Result) WriteJSON(path string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("bench: encode result: %w", err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("bench: write %s: %w", path, err)
	}
	return nil
}

// WriteTable prints r as a two-column table in lang.
func (r Result) WriteTable(w io.Writer, lang string) {
	t := benchLabels(lang)
	pinned := r.MCUCPUList
	if pinned == "" {
		pinned = t[blNotPinned]
	}
	rows := []struct {
		key benchLabel
		val string
	}{
		{blEndpoints, fmt.Sprintf("%d (%d %s)", r.Endpoints, r.Connected, t[blConnected])},
		{blSeconds, fmt.Sprintf("%.1f", r.Seconds)},
		{blMCUCPUList, pinned},
		{blPPSIn, fmt.Sprintf("%.0f", r.PPSIn)},
		{blPPSOut, fmt.Sprintf("%.0f", r.PPSOut)},
		{blCPU, fmt.Sprintf("%.1f %%", r.MCUCPUPct)},
		{blUSPerPacket, fmt.Sprintf("%.2f µs (%s %.2f)", r.USPerPacket, t[blKernel], r.USPerPacketKernel)},
		{blRSS, fmt.Sprintf("%.1f MB (%.2f MB/%s)", r.MCURSSMB, r.RSSPerEndpointMB, t[blPerEndpoint])},
		{blLoss, fmt.Sprintf("%.3f %%", r.LossPct)},
		{blJoin, fmt.Sprintf("%.0f / %.0f ms (max %.0f; %d %s)", r.JoinP50Ms, r.JoinP99Ms, r.JoinMaxMs, r.JoinFailed, t[blJoinFailed])},
		{blMuteToSilence, fmt.Sprintf("%.1f ms", r.MuteToSilenceMs)},
		{blAudioAfterMute, fmt.Sprintf("%d", r.AudioAfterMute)},
		{blBitrate, fmt.Sprintf("%.0f kbit/s (%s %.0f)", r.InKbps, t[blRequested], r.RequestedKbps)},
		{blLoadCPU, fmt.Sprintf("%.1f %%", r.LoadCPUPct)},
		{blLoadAverage, fmt.Sprintf("%.2f", r.LoadAverage)},
	}
	if r.SIP > 0 {
		rows = append(rows, []struct {
			key benchLabel
			val string
		}{
			{blSIPSites, fmt.Sprintf("%d (%d %s, %d %s)", r.SIP, r.SIPJoined, t[blSIPIn], r.SIPFailed, t[blJoinFailed])},
			{blDial, fmt.Sprintf("%.0f / %.0f ms (max %.0f)", r.DialP50Ms, r.DialP99Ms, r.DialMaxMs)},
			{blUSPerMix, fmt.Sprintf("%.0f µs (%s %.0f µs)", r.USPerMix, t[blAllCPU], r.USPerMixAll)},
			{blRSSPerSIP, fmt.Sprintf("%.2f MB", r.RSSPerSIPMB)},
			{blSIPLoss, fmt.Sprintf("%.3f %%", r.SIPLossPct)},
			{blSIPMix, fmt.Sprintf("%.1f %s", r.SIPMixPPS, t[blOf50])},
			{blSIPVideo, fmt.Sprintf("%d / %d (%.0f %s)", r.SIPVideo, r.SIPJoined, r.SIPVideoInPPS, t[blVideoPPS])},
			{blMixLatency, fmt.Sprintf("%.0f / %.0f ms (%d %s)", r.MixLatencyP50Ms, r.MixLatencyP99Ms, r.MixLatencySamples, t[blSamples])},
		}...)
	}
	for _, row := range rows {
		fmt.Fprintf(w, "%-34s %s\n", t[row.key], row.val)
	}
	if !r.MuteSourceHeard {
		fmt.Fprintln(w, t[blMuteNotHeard])
	}
	fmt.Fprintln(w, t[blBitrateNote])
	if r.SIP > 0 {
		fmt.Fprintln(w, t[blSIPNote])
	}
}
