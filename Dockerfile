# syntax=docker/dockerfile:1
#
# The sim binary in a distroless image: static (CGO_ENABLED=0), built with
# -trimpath, run as the non-root user 65532. The presets and built-in
# sweeps are embedded in the binary, so the image holds nothing else.
#
#   docker build -t giversgain .
#   docker run --rm giversgain list
#   docker run --rm -v "$PWD/results:/results" giversgain sweep -config ci-smoke -out /results
#
# (a mounted results folder must be writable by uid 65532). Published by
# .github/workflows/container.yml as ghcr.io/giversgain/giversgain:<version>
# on every v* tag; deploy/kubernetes/ runs that image.

# The build runs on the builder's own platform and cross-compiles, so a
# multi-platform build needs no emulation.
FROM --platform=$BUILDPLATFORM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ARG TARGETOS TARGETARCH
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH \
    go build -trimpath -ldflags="-s -w" -o /out/sim ./cmd/sim

# distroless/static: CA certificates, /etc/passwd with nonroot (65532) and a
# writable home; no shell, no package manager.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/sim /usr/local/bin/sim
# Numeric, so that Kubernetes' runAsNonRoot can verify it.
USER 65532:65532
WORKDIR /home/nonroot
ENTRYPOINT ["/usr/local/bin/sim"]
CMD ["help"]
