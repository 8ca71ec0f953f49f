package redact

import "testing"

func TestUserinfo(t *testing.T) {
	tests := []struct{ in, want string }{
		{"pkg @ https://alice:pw-secret@git.example.test/pkg.tar.gz", "pkg @ https://alice:****@git.example.test/pkg.tar.gz"},
		{"git+https://ghp_TOKEN123@github.example.test/o/r.git#egg=r", "git+https://****@github.example.test/o/r.git#egg=r"},
		{`-i https://u:p%40ss@pypi.example.test/simple/ and http://x:y@h/`, `-i https://u:****@pypi.example.test/simple/ and http://x:****@h/`},
		{"mail alice@example.test, no URL", "mail alice@example.test, no URL"},
		{"https://pypi.example.test/simple/x@1/", "https://pypi.example.test/simple/x@1/"},
		{`"url":"https://a:b@h.example.test"`, `"url":"https://a:****@h.example.test"`},
	}
	for _, tt := range tests {
		if got := Userinfo(tt.in); got != tt.want {
			t.Errorf("Userinfo(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSetMasksEveryFormOfAWebhookURL(t *testing.T) {
	var s Set
	s.AddURL("https://chat.example.test/api/webhooks/1234567890/s3cr3t-T0KEN_xyz?thread_id=99887766554")
	tests := []struct{ in, want string }{
		{"404: unknown webhook /api/webhooks/1234567890/s3cr3t-T0KEN_xyz", "404: unknown webhook ****"},
		{`{"path":"\/api\/webhooks\/1234567890\/s3cr3t-T0KEN_xyz"}`, `{"path":"****"}`},
		{"token s3cr3t-T0KEN_xyz is invalid", "token **** is invalid"},
		{"webhook 1234567890 not found", "webhook **** not found"},
		{"thread 99887766554 archived", "thread **** archived"},
		{"%2Fapi%2Fwebhooks%2F1234567890%2Fs3cr3t-T0KEN_xyz", "****"},
		{"POST https://chat.example.test/api/webhooks/1234567890/s3cr3t-T0KEN_xyz?thread_id=99887766554: EOF", "POST ****: EOF"},
		{"chat.example.test answered 500", "chat.example.test answered 500"},
	}
	for _, tt := range tests {
		if got := s.String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var empty *Set
	if got := empty.String("https://a:b@h/"); got != "https://a:****@h/" {
		t.Errorf("nil set: %q", got)
	}
}
