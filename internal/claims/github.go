package claims

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// GitHub reports outcomes to GitHub Actions, reading the environment
// through getenv (os.Getenv in sim; tests pass their own):
//
//   - when GITHUB_ACTIONS is "true", it writes an ::error workflow command
//     to w (the step's standard output) for each failed claim, which
//     GitHub shows as an annotation; file, when not empty, is the file the
//     claims were read from, and each annotation points at its claim's
//     line there (relative to GITHUB_WORKSPACE when below it);
//   - when GITHUB_STEP_SUMMARY names a file, it appends a Markdown table
//     of every claim (claim, status, evidence) headed by title.
//
// Without either variable, or without outcomes, it does nothing.
func GitHub(getenv func(string) string, w io.Writer, title, file string, outs []Outcome) error {
	if len(outs) == 0 {
		return nil
	}
	if getenv("GITHUB_ACTIONS") == "true" {
		if file != "" {
			file = workspacePath(file, getenv("GITHUB_WORKSPACE"))
		}
		if err := Annotate(w, file, outs); err != nil {
			return err
		}
	}
	if path := getenv("GITHUB_STEP_SUMMARY"); path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
		if err := Summary(f, title, outs); err != nil {
			f.Close()
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
		}
	}
	return nil
}

// workspacePath makes an absolute file below the workspace relative to it,
// as annotations want; anything else is returned as given, with slashes.
func workspacePath(file, workspace string) string {
	if workspace != "" && filepath.IsAbs(file) {
		if rel, err := filepath.Rel(workspace, file); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			file = rel
		}
	}
	return filepath.ToSlash(file)
}

// Annotate writes one ::error workflow command per failed claim:
//
//	::error file=F,line=L,title=Claim failed: NAME::STATEMENT (95% confidence)%0Aheld at ...
//
// with the file and line of the claim's table when file is not empty and
// the line known. Values are escaped as GitHub's toolkit does: % \r \n in
// the message, and also : and , in the properties.
func Annotate(w io.Writer, file string, outs []Outcome) error {
	for _, o := range outs {
		if o.Pass {
			continue
		}
		var props []string
		if file != "" {
			props = append(props, "file="+escapeProperty(file))
			if o.Claim.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", o.Claim.Line))
			}
		}
		props = append(props, "title="+escapeProperty("Claim failed: "+o.Claim.Name))
		msg := fmt.Sprintf("%s (%g%% confidence)", o.Claim.Statement(), 100*o.Claim.Confidence)
		if ev := o.Evidence(); len(ev) > 0 {
			msg += "\n" + strings.Join(ev, "\n")
		}
		if _, err := fmt.Fprintf(w, "::error %s::%s\n", strings.Join(props, ","), escapeData(msg)); err != nil {
			return err
		}
	}
	return nil
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Summary writes the outcomes as a Markdown section for a job summary: a
// heading naming title, a table of claim, status and evidence, and a
// count of the claims that hold.
func Summary(w io.Writer, title string, outs []Outcome) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Claims: %s\n\n", mdCell(title))
	b.WriteString("| claim | status | evidence |\n|---|---|---|\n")
	held := 0
	for _, o := range outs {
		status := "❌ FAIL"
		if o.Pass {
			status = "✅ PASS"
			held++
		}
		claim := "**" + mdCell(o.Claim.Name) + "**"
		if o.Claim.Name != o.Claim.Statement() {
			claim += "<br>" + mdCell(o.Claim.Statement())
		}
		claim += fmt.Sprintf("<br>%g%% confidence", 100*o.Claim.Confidence)
		ev := o.Evidence()
		for i, line := range ev {
			ev[i] = mdCell(strings.TrimLeft(line, " "))
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", claim, status, strings.Join(ev, "<br>"))
	}
	fmt.Fprintf(&b, "\n%d of %d claims hold.\n\n", held, len(outs))
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell makes text safe inside a Markdown table cell: HTML's special
// characters as entities, pipes escaped, line breaks as <br>.
func mdCell(s string) string {
	s = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", "\\|", "\r\n", "<br>", "\n", "<br>", "\r", "<br>").Replace(s)
	return s
}
