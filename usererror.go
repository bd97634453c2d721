package main

import (
	"errors"
	"fmt"

	"diemcau/store"
)

// userError is the text of a command's error for the technician: the known failures in their
// language, with the underlying error kept as the detail; any other error as it is.
func userError(lang string, err error) string {
	if errors.Is(err, store.ErrSchemaTooNew) {
		return fmt.Sprintf(msg(lang, "schemaTooNew"), err)
	}
	return err.Error()
}
