// Package ffmpegvec makes the codec test vectors of the audio packages with
// ffmpeg, the real implementation they are compared against; tests only.
package ffmpegvec

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"testing"
)

// Main runs the package's tests after regenerate when the environment
// variable env is "1"; without it the committed vectors are used and ffmpeg is not needed.
func Main(m *testing.M, env string, regenerate func() error) {
	if os.Getenv(env) == "1" {
		if err := regenerate(); err != nil {
			fmt.Fprintln(os.Stderr, "regenerate vectors:", err)
			os.Exit(1)
		}
	}
	os.Exit(m.Run())
}

// Run runs ffmpeg (bit-exact, quiet) with args, feeding stdin, and returns its output.
func Run(stdin []byte, args ...string) ([]byte, error) {
	cmd := exec.Command("ffmpeg", append([]string{"-hide_banner", "-loglevel", "error", "-bitexact"}, args...)...)
	cmd.Stdin = bytes.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("ffmpeg %v: %w: %s", args, err, errb.String())
	}
	return out.Bytes(), nil
}
