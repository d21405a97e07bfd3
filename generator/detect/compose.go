package detect

import (
	"fmt"
	"sort"

	"go.yaml.in/yaml/v3"
)

// composeService is the part of a compose service port detection reads.
type composeService struct {
	Build any    `yaml:"build"`
	Image string `yaml:"image"`
	Ports []any  `yaml:"ports"`
}

// composeAppPorts keeps the port items of the services compose builds from
// the project (those with build:), so a port published by adminer, a
// database or a mail catcher is not taken for the app's. When no service is
// built there, every service counts (the file names the app's image). ok is
// false when the file does not parse: the caller scans it as text.
func composeAppPorts(data []byte) (items []string, ok bool) {
	var f struct {
		Services map[string]composeService `yaml:"services"`
	}
	if err := yaml.Unmarshal(data, &f); err != nil || len(f.Services) == 0 {
		return nil, false
	}
	names := make([]string, 0, len(f.Services))
	built := false
	for name, s := range f.Services {
		names = append(names, name)
		built = built || s.Build != nil
	}
	sort.Strings(names)
	for _, name := range names {
		s := f.Services[name]
		if built && s.Build == nil {
			continue
		}
		for _, p := range s.Ports {
			switch v := p.(type) {
			case string:
				items = append(items, v)
			case int:
				items = append(items, fmt.Sprint(v))
			case map[string]any: // long syntax: target is the container port
				if t, ok := v["target"]; ok {
					items = append(items, fmt.Sprint(t))
				}
			}
		}
	}
	return items, true
}
