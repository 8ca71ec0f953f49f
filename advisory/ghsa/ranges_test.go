package ghsa

import "testing"

func TestRangeText(t *testing.T) {
	for _, tt := range []struct {
		introduced, fixed, last string
		want                    string
	}{
		{"0", "4.20.0", "", "< 4.20.0"},
		{"4.0.0", "4.20.0", "", ">= 4.0.0, < 4.20.0"},
		{"5.0.0-alpha.1", "5.0.0", "", ">= 5.0.0-alpha.1, < 5.0.0"},
		{"0", "", "2.0.1", "<= 2.0.1"},
		{"2.0.0", "", "2.0.1", ">= 2.0.0, <= 2.0.1"},
		{"1.2.0", "", "1.2.0", "= 1.2.0"},
		{"3.0.0", "", "", ">= 3.0.0"},
		{"0", "", "", ">= 0"},
	} {
		if got := RangeText(tt.introduced, tt.fixed, tt.last); got != tt.want {
			t.Errorf("RangeText(%q, %q, %q) = %q, want %q", tt.introduced, tt.fixed, tt.last, got, tt.want)
		}
	}
}

func TestLogin(t *testing.T) {
	for _, tt := range []struct {
		contact, login string
	}{
		{"https://github.com/octocat", "octocat"},
		{"https://github.com/octo-cat/", "octo-cat"},
		{"https://GitHub.com/Octocat", "Octocat"},
		{"http://github.com/octocat", ""},
		{"https://github.com/octocat/repo", ""},
		{"https://github.com/-octocat", ""},
		{"https://github.com/octocat?tab=repositories", ""},
		{"https://gitlab.com/octocat", ""},
		{"octocat@example.test", ""},
		{"@octocat", ""},
	} {
		got, ok := Login(tt.contact)
		if got != tt.login || ok != (tt.login != "") {
			t.Errorf("Login(%q) = %q, %v, want %q", tt.contact, got, ok, tt.login)
		}
	}
}

func TestCVEID(t *testing.T) {
	for _, tt := range []struct {
		id      string
		aliases []string
		want    string
	}{
		{"x_EX-2026-0001", []string{"GHSA-qw6h-vgh9-j6wx", "CVE-2024-43796"}, "CVE-2024-43796"},
		{"CVE-2026-1234", []string{"CVE-2026-9999"}, "CVE-2026-1234"},
		{"", nil, ""},
		{"GHSA-qw6h-vgh9-j6wx", []string{"PYSEC-2024-1"}, ""},
	} {
		if got := cveID(append([]string{tt.id}, tt.aliases...)); got != tt.want {
			t.Errorf("cveID(%q, %q) = %q, want %q", tt.id, tt.aliases, got, tt.want)
		}
	}
}
