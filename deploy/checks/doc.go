// Package checks holds the offline checks of the deployment templates:
// the Kubernetes manifests decoded strictly into the Kubernetes API types,
// the Dockerfile parsed and linted with BuildKit's own parser and the
// binary it builds checked for being static. It is a module of its own, so
// the simulator's go.mod does not depend on k8s.io/api or BuildKit; run it
// with (cd deploy/checks && go test ./...), as .ci/run does.
package checks
