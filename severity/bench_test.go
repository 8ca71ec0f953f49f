package severity

import "testing"

func BenchmarkScore(b *testing.B) {
	for _, bm := range []struct{ name, vector string }{
		{"3.1", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N"},
		{"3.1-env", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N/E:F/RL:O/RC:C/CR:H/IR:M/MAV:A/MS:U/MC:H"},
		{"4.0", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H"},
		{"4.0-bte", "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P/CR:L/IR:L/AR:L/MAV:A/S:P/AU:Y/U:Red"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			levels := DefaultLevels()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Score(bm.vector, levels); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
