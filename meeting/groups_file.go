package meeting

import (
	"errors"
	"io"
	"strings"

	"diemcau/store"
)

// groupWriteError turns the store's refusal of a group add or edit into the user's words.
func groupWriteError(err error, drafts []GroupDraft) error {
	id := ""
	if len(drafts) > 0 {
		id = drafts[0].ID
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrExists):
		return &GroupError{Problems: []GroupProblem{{Field: "id", Reason: "group.exists", Args: []any{id}}}}
	case errors.Is(err, store.ErrNotFound):
		return &GroupError{Problems: []GroupProblem{{Field: "id", Reason: "group.notFound", Args: []any{id}}}}
	}
	return err
}

// groupHeader is the first line of a group file: one row per member.
var groupHeader = []string{"group_id", "group_name", "bridge_point"}

// ParseGroupFile reads a group file (CSV, header group_id,group_name,bridge_point, one row per
// member, a group's rows together or not) into drafts in the order their ids first appear. A
// malformed file fails with *GroupError naming the line.
func ParseGroupFile(r io.Reader) ([]GroupDraft, error) {
	rows, fault, err := readCSVRows(r, "group", groupHeader, "group.header")
	if err != nil {
		return nil, err
	}
	e := &GroupError{}
	if fault != nil {
		e.Problems = append(e.Problems, GroupProblem{Line: fault.Line, Field: "CSV", Reason: fault.Reason})
	}
	var drafts []GroupDraft
	at := map[string]int{}
	for _, row := range rows {
		rec, line := row.Rec, row.Line
		if len(rec) != len(groupHeader) {
			e.Problems = append(e.Problems, GroupProblem{Line: line, Field: "CSV", Reason: "group.columns", Args: []any{len(rec)}})
			continue
		}
		id := strings.TrimSpace(rec[0])
		i, ok := at[id]
		if !ok {
			i = len(drafts)
			at[id] = i
			drafts = append(drafts, GroupDraft{ID: id, Name: strings.TrimSpace(rec[1]), Line: line})
		} else if name := strings.TrimSpace(rec[1]); name != "" && name != drafts[i].Name {
			e.Problems = append(e.Problems, GroupProblem{Line: line, Field: "group_name", Reason: "group.twoNames",
				Args: []any{id, drafts[i].Name, drafts[i].Line}})
		}
		drafts[i].Sites = append(drafts[i].Sites, strings.TrimSpace(rec[2]))
		drafts[i].SiteLines = append(drafts[i].SiteLines, line)
	}
	if len(e.Problems) == 0 && len(drafts) == 0 {
		e.Problems = append(e.Problems, GroupProblem{Line: 1, Field: "CSV", Reason: "tech.noRows"})
	}
	if len(e.Problems) > 0 {
		return nil, e
	}
	return drafts, nil
}
