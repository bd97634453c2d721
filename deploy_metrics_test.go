package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"diemcau/ops"
)

// TestDeployedRulesAndDashboardNameRealMetrics reads the alert rules and the Grafana dashboard
// of deploy/ and checks that every diemcau_ metric they query is one /metrics exposes (a
// renamed metric would silence an alert), and that the dashboard is JSON with a query on each
// panel.
func TestDeployedRulesAndDashboardNameRealMetrics(t *testing.T) {
	ch := make(chan *prometheus.Desc, 64)
	ops.NewMCUCollector(nil).Describe(ch)
	ops.NewAlertCollector(nil, nil, "", nil).Describe(ch)
	close(ch)
	fq := regexp.MustCompile(`fqName: "([a-z_]+)"`)
	var exposed []string
	for d := range ch {
		if m := fq.FindStringSubmatch(d.String()); m != nil {
			exposed = append(exposed, m[1])
		}
	}
	files, _ := filepath.Glob("deploy/prometheus/*.yml")
	files = append(files, "deploy/grafana/diemcau-meeting.json")
	used := regexp.MustCompile(`diemcau_[a-z_]+`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names := used.FindAllString(string(data), -1)
		if len(names) == 0 {
			t.Errorf("%s names no diemcau metric", f)
		}
		for _, n := range names {
			if !slices.Contains(exposed, n) {
				t.Errorf("%s queries %s, which /metrics does not expose", f, n)
			}
		}
	}
	var dash struct {
		UID    string `json:"uid"`
		Panels []struct {
			Title   string `json:"title"`
			Targets []struct {
				Expr string `json:"expr"`
			} `json:"targets"`
		} `json:"panels"`
	}
	data, _ := os.ReadFile("deploy/grafana/diemcau-meeting.json")
	if err := json.Unmarshal(data, &dash); err != nil {
		t.Fatalf("the dashboard is not JSON: %v", err)
	}
	if dash.UID == "" || len(dash.Panels) < 8 {
		t.Errorf("dashboard uid %q with %d panels", dash.UID, len(dash.Panels))
	}
	for _, p := range dash.Panels {
		if len(p.Targets) == 0 || p.Targets[0].Expr == "" {
			t.Errorf("panel %q has no query", p.Title)
		}
	}
}
