// Command pkg builds the diemcau Debian package: it compiles diemcau (static, no cgo) and packs
// it with the systemd units, /etc/diemcau and the scripts of deploy/ as deploy/nfpm.yaml says,
// using nfpm. It is a module of its own so that the packager's dependencies stay out of
// diemcau's. Run from anywhere in the repository:
//
//	go -C deploy/pkg run . [-version 1.2.0] [-arch amd64] [-out dist/]
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/goreleaser/nfpm/v2"
	_ "github.com/goreleaser/nfpm/v2/deb" // registers the deb packager
)

func main() {
	version := flag.String("version", "", "package version (default: from git describe, or 0.0.0+git<commit>)")
	arch := flag.String("arch", runtime.GOARCH, "Debian architecture = GOARCH of the binary: amd64 or arm64")
	out := flag.String("out", "dist", "folder (or .deb file) to write the package to")
	flag.Parse()
	root, err := repoRoot()
	if err == nil {
		_, err = build(root, *version, *arch, *out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pkg:", err)
		os.Exit(1)
	}
}

// build compiles diemcau from the repository at root into a temporary folder and packs the
// .deb at out (a folder, or a file name ending in .deb); it returns the package's path.
func build(root, version, arch, out string) (string, error) {
	if arch != "amd64" && arch != "arm64" {
		return "", fmt.Errorf("-arch must be amd64 or arm64, not %q", arch)
	}
	if version == "" {
		version = gitVersion(root)
	}
	if version == "" || version[0] < '0' || version[0] > '9' {
		return "", fmt.Errorf("-version must start with a digit (a Debian version), not %q", version)
	}
	tmp, err := os.MkdirTemp("", "diemcau-pkg-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	binary := filepath.Join(tmp, "diemcau")
	// Static (no cgo) and stripped; no -trimpath, so that CI reuses what go test compiled.
	gobuild := exec.Command("go", "build", "-ldflags", "-s -w", "-o", binary, ".")
	gobuild.Dir, gobuild.Stdout, gobuild.Stderr = root, os.Stdout, os.Stderr
	gobuild.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
	if err := gobuild.Run(); err != nil {
		return "", fmt.Errorf("build diemcau: %w", err)
	}
	vars := map[string]string{"VERSION": version, "ARCH": arch, "BINARY": binary}
	config, err := nfpm.ParseFileWithEnvMapping(filepath.Join(root, "deploy", "nfpm.yaml"), func(k string) string { return vars[k] })
	if err != nil {
		return "", fmt.Errorf("deploy/nfpm.yaml: %w", err)
	}
	info, err := config.Get("deb")
	if err != nil {
		return "", err
	}
	info = nfpm.WithDefaults(info)
	fromRoot(root, info)
	if err := nfpm.Validate(info); err != nil {
		return "", fmt.Errorf("deploy/nfpm.yaml: %w", err)
	}
	packager, err := nfpm.Get("deb")
	if err != nil {
		return "", err
	}
	target := out
	if !strings.HasSuffix(out, ".deb") {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return "", err
		}
		target = filepath.Join(out, packager.ConventionalFileName(info))
	}
	info.Target = target
	f, err := os.Create(target)
	if err != nil {
		return "", err
	}
	if err := packager.Package(info, f); err != nil {
		f.Close()
		os.Remove(target)
		return "", fmt.Errorf("package: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(target)
		return "", err
	}
	fmt.Println(target)
	return target, nil
}

// fromRoot makes the config's relative paths (files and scripts) start at the repository's root.
func fromRoot(root string, info *nfpm.Info) {
	abs := func(p *string) {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(root, *p)
		}
	}
	for _, c := range info.Contents {
		abs(&c.Source)
	}
	abs(&info.Scripts.PostInstall)
	abs(&info.Scripts.PreRemove)
	abs(&info.Scripts.PostRemove)
	abs(&info.Scripts.PreInstall)
}

// repoRoot is the root of the git work tree holding this folder.
func repoRoot() (string, error) {
	b, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return "", fmt.Errorf("find the repository's root (git rev-parse): %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// gitVersion is the version git describes (a tag v1.2.3 gives 1.2.3), else 0.0.0+git<commit>.
func gitVersion(root string) string {
	cmd := exec.Command("git", "describe", "--tags", "--match", "v[0-9]*")
	cmd.Dir = root
	if b, err := cmd.Output(); err == nil {
		v := strings.TrimPrefix(strings.TrimSpace(string(b)), "v")
		return strings.ReplaceAll(v, "-", "+") // 1.2.3-4-gabc → 1.2.3+4+gabc
	}
	cmd = exec.Command("git", "rev-parse", "--short", "HEAD")
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		return "0.0.0"
	}
	return "0.0.0+git" + strings.TrimSpace(string(b))
}
