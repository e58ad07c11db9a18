package checks

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

const manifests = "deploy/kubernetes"

// object is one decoded YAML document of a manifest file.
type object struct {
	file string
	kind string
	job  *batchv1.Job
	pvc  *corev1.PersistentVolumeClaim
}

// splitDocuments cuts a YAML stream at its "---" lines, dropping
// documents that hold only comments.
func splitDocuments(data []byte) [][]byte {
	var docs [][]byte
	for _, d := range regexp.MustCompile(`(?m)^---[ \t]*$`).Split(string(data), -1) {
		if strings.TrimSpace(regexp.MustCompile(`(?m)^[ \t]*#.*$`).ReplaceAllString(d, "")) != "" {
			docs = append(docs, []byte(d))
		}
	}
	return docs
}

// decodeStrict decodes one document into the API type of its kind as the
// API server's strict field validation does: YAML to JSON refusing
// duplicate keys, then JSON into the type with field names matched case
// for case (encoding/json would take runAsNonroot for runAsNonRoot) and
// unknown or duplicate fields refused.
func decodeStrict(file string, doc []byte) (object, error) {
	var tm metav1.TypeMeta
	if err := yaml.Unmarshal(doc, &tm); err != nil {
		return object{}, err
	}
	o := object{file: file, kind: tm.Kind}
	var into any
	switch tm.GroupVersionKind().String() {
	case "batch/v1, Kind=Job":
		o.job = &batchv1.Job{}
		into = o.job
	case "/v1, Kind=PersistentVolumeClaim":
		o.pvc = &corev1.PersistentVolumeClaim{}
		into = o.pvc
	default:
		return o, fmt.Errorf("apiVersion %q kind %q: not a kind these templates use", tm.APIVersion, tm.Kind)
	}
	js, err := yaml.YAMLToJSONStrict(doc)
	if err != nil {
		return o, err
	}
	strict, err := kjson.UnmarshalStrict(js, into)
	if err != nil {
		return o, err
	}
	return o, errors.Join(strict...)
}

// load decodes every manifest under deploy/kubernetes.
func load(t *testing.T) []object {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(root, manifests, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	var out []object
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for i, doc := range splitDocuments(data) {
			o, err := decodeStrict(filepath.Base(path), doc)
			if err != nil {
				t.Errorf("%s, document %d: %v", filepath.Base(path), i+1, err)
				continue
			}
			out = append(out, o)
		}
	}
	return out
}

// The strict decoding refuses what the API server would drop or refuse,
// so that passing it means something.
func TestDecodeStrictRefuses(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"apiVersion: batch/v1\nkind: Job\nspec:\n  completion: 3\n", `unknown field "spec.completion"`},
		{"apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          imagePullPolicy: Always\n          args: [x]\n          securityContext:\n            runAsNonroot: true\n", `unknown field "spec.template.spec.containers[0].securityContext.runAsNonroot"`},
		{"apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  storageClass: fast\n", `unknown field "spec.storageClass"`},
		{"apiVersion: batch/v1\nkind: Job\nspec:\n  completions: 2\n  completions: 3\n", `"completions" already set`},
		{"apiVersion: batch/v1\nkind: Job\nspec:\n  Completions: 3\n", `unknown field "spec.Completions"`},
		{"apiVersion: batch/v1\nkind: Job\nspec:\n  completions: eight\n", `cannot unmarshal string`},
		{"apiVersion: v1\nkind: Pod\n", `not a kind these templates use`},
	} {
		if _, err := decodeStrict("x.yaml", []byte(c.doc)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err %v, want %q", c.doc, err, c.want)
		}
	}
}

// pods returns the pod specs of the Jobs, by file.
func jobs(objs []object) []object {
	var out []object
	for _, o := range objs {
		if o.job != nil {
			out = append(out, o)
		}
	}
	return out
}

func TestManifests(t *testing.T) {
	objs := load(t)
	var claims []object
	for _, o := range objs {
		if o.pvc != nil {
			claims = append(claims, o)
		}
	}
	js := jobs(objs)
	if len(claims) != 1 || len(js) != 2 {
		t.Fatalf("%d volume claims and %d Jobs, want 1 and 2 (sweep, merge)", len(claims), len(js))
	}
	pvc := claims[0]

	t.Run("claim", func(t *testing.T) {
		for _, j := range js {
			if j.file == pvc.file {
				t.Errorf("the volume claim is in %s with Job %s: kubectl delete -f on the Job would delete the results", pvc.file, j.job.Name)
			}
		}
		spec := pvc.pvc.Spec
		if !slices.Contains(spec.AccessModes, corev1.ReadWriteMany) {
			t.Errorf("%s: access modes %v: the shards on several nodes need ReadWriteMany", pvc.file, spec.AccessModes)
		}
		if spec.StorageClassName == nil || *spec.StorageClassName == "" {
			t.Errorf("%s: no storageClassName: the cluster's default class is rarely ReadWriteMany", pvc.file)
		}
		// The class is a setting, marked as one just above it.
		text := string(readFile(t, filepath.Join(manifests, pvc.file)))
		i := strings.Index(text, "storageClassName:")
		if i < 0 || !strings.Contains(text[max(0, strings.LastIndex(text[:i], "accessModes")):i], "SETTING") {
			t.Errorf("%s: the storageClassName line is not marked as a SETTING in the comment above it", pvc.file)
		}
		if q, ok := spec.Resources.Requests[corev1.ResourceStorage]; !ok || q.Cmp(resource.MustParse("100Mi")) < 0 {
			t.Errorf("%s: storage request %v", pvc.file, spec.Resources.Requests)
		}
	})

	wantImage := "ghcr.io/" + strings.ToLower(repository(t)) + ":" + version(t)
	if img := workflowImage(t); img+":"+version(t) != wantImage {
		t.Errorf("container.yml publishes %s, want ghcr.io/<repository> = %s", img, strings.TrimSuffix(wantImage, ":"+version(t)))
	}
	uid, gid := imageIDs(t)

	var sweepJob, mergeJob *batchv1.Job
	for _, j := range js {
		name := j.file + ": job/" + j.job.Name
		spec := j.job.Spec
		pod := spec.Template.Spec
		t.Run(j.job.Name, func(t *testing.T) {
			if pod.RestartPolicy != corev1.RestartPolicyNever {
				t.Errorf("%s: restartPolicy %q, want Never (a retried pod, not a restarted container, resumes a shard)", name, pod.RestartPolicy)
			}
			// Non-root, as the image's user, with nothing to escalate.
			psc := pod.SecurityContext
			if psc == nil || psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || psc.RunAsUser == nil || *psc.RunAsUser != uid ||
				psc.RunAsGroup == nil || *psc.RunAsGroup != gid || psc.FSGroup == nil || *psc.FSGroup != gid {
				t.Errorf("%s: pod securityContext %+v: want runAsNonRoot, runAsUser %d, runAsGroup and fsGroup %d (the image's user)", name, psc, uid, gid)
			}
			if psc != nil && (psc.SeccompProfile == nil || psc.SeccompProfile.Type != corev1.SeccompProfileTypeRuntimeDefault) {
				t.Errorf("%s: want seccompProfile RuntimeDefault", name)
			}
			if len(pod.Containers) != 1 {
				t.Fatalf("%s: %d containers, want 1", name, len(pod.Containers))
			}
			c := pod.Containers[0]
			if c.Image != wantImage {
				t.Errorf("%s: image %s, want %s (what .github/workflows/container.yml publishes for tag v%s)", name, c.Image, wantImage, version(t))
			}
			sc := c.SecurityContext
			if sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem ||
				sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
				t.Errorf("%s: container securityContext %+v: want no privilege escalation, a read-only root, all capabilities dropped", name, sc)
			}
			if len(c.Command) > 0 {
				t.Errorf("%s: command %v overrides the image's sim entrypoint (distroless has no shell)", name, c.Command)
			}
			// The results volume is the claim, mounted where -out points.
			out := flagValue(c.Args, "-out")
			mounted := false
			for _, m := range c.VolumeMounts {
				for _, v := range pod.Volumes {
					if v.Name == m.Name && v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == pvc.pvc.Name && m.MountPath == out {
						mounted = true
					}
				}
			}
			if !mounted {
				t.Errorf("%s: -out %q is not the mount of claim %s", name, out, pvc.pvc.Name)
			}
			if _, ok := c.Resources.Limits[corev1.ResourceMemory]; !ok {
				t.Errorf("%s: no memory limit", name)
			}
		})
		switch {
		case len(pod.Containers) == 1 && len(pod.Containers[0].Args) > 0 && pod.Containers[0].Args[0] == "sweep":
			sweepJob = j.job
		case len(pod.Containers) == 1 && len(pod.Containers[0].Args) > 0 && pod.Containers[0].Args[0] == "merge":
			mergeJob = j.job
		}
	}
	if sweepJob == nil || mergeJob == nil {
		t.Fatal("want one Job running sim sweep and one running sim merge")
	}

	t.Run("shards", func(t *testing.T) {
		spec := sweepJob.Spec
		c := spec.Template.Spec.Containers[0]
		if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
			t.Error("the sweep Job is not Indexed: no JOB_COMPLETION_INDEX")
		}
		shardArg := flagValue(c.Args, "-shard")
		m := regexp.MustCompile(`^\$\(JOB_COMPLETION_INDEX\)/([0-9]+)$`).FindStringSubmatch(shardArg)
		if m == nil {
			t.Fatalf("-shard %q, want $(JOB_COMPLETION_INDEX)/n", shardArg)
		}
		n, _ := strconv.Atoi(m[1])
		if spec.Completions == nil || int(*spec.Completions) != n {
			t.Errorf("completions %v, but -shard says %d shards: every shard must run once", deref(spec.Completions), n)
		}
		if spec.Parallelism == nil || *spec.Parallelism < 1 || int(*spec.Parallelism) > n {
			t.Errorf("parallelism %v for %d shards", deref(spec.Parallelism), n)
		}
		for _, e := range c.Env {
			if e.Name == "SIM_SHARD_COUNT" && e.Value != m[1] {
				t.Errorf("SIM_SHARD_COUNT=%s, but -shard says %d shards", e.Value, n)
			}
		}
		// Retries per index, and the failure policy that needs them
		// (Kubernetes 1.29+, said in the file).
		if spec.BackoffLimitPerIndex == nil {
			t.Error("no backoffLimitPerIndex: one flaky shard would fail the whole Job")
		}
		if p := spec.PodFailurePolicy; p != nil {
			for _, r := range p.Rules {
				if r.OnExitCodes != nil && r.OnExitCodes.ContainerName != nil && *r.OnExitCodes.ContainerName != c.Name {
					t.Errorf("podFailurePolicy names container %q, the container is %q", *r.OnExitCodes.ContainerName, c.Name)
				}
				if r.Action == batchv1.PodFailurePolicyActionFailIndex && spec.BackoffLimitPerIndex == nil {
					t.Error("FailIndex needs backoffLimitPerIndex")
				}
			}
		}
		text := string(readFile(t, filepath.Join(manifests, "sweep-job.yaml")))
		if !regexp.MustCompile(`Kubernetes 1\.29 or newer`).MatchString(text) {
			t.Error("sweep-job.yaml does not state the Kubernetes version it needs (1.29: backoffLimitPerIndex, FailIndex)")
		}
		if mc := flagValue(mergeJob.Spec.Template.Spec.Containers[0].Args, "-config"); mc != flagValue(c.Args, "-config") {
			t.Errorf("the merge merges sweep %q, the shards run %q", mc, flagValue(c.Args, "-config"))
		}
	})
	t.Run("merge", func(t *testing.T) {
		if b := mergeJob.Spec.BackoffLimit; b == nil || *b != 0 {
			t.Errorf("merge backoffLimit %v, want 0: a failed claim fails the same way every time", deref(b))
		}
	})
}

// workflowImage is the image container.yml publishes, with
// ${{ github.repository }} filled in.
func workflowImage(t *testing.T) string {
	t.Helper()
	var wf struct {
		Env  map[string]string `json:"env"`
		Jobs map[string]struct {
			Steps []struct {
				Uses string            `json:"uses"`
				With map[string]string `json:"with"`
			} `json:"steps"`
		} `json:"jobs"`
	}
	if err := yaml.Unmarshal(readFile(t, ".github/workflows/container.yml"), &wf); err != nil {
		t.Fatal(err)
	}
	images := ""
	for _, j := range wf.Jobs {
		for _, s := range j.Steps {
			if strings.HasPrefix(s.Uses, "docker/metadata-action@") {
				images = s.With["images"]
			}
		}
	}
	if images == "" {
		t.Fatal("container.yml: no docker/metadata-action step naming the images")
	}
	images = strings.ReplaceAll(images, "${{ env.IMAGE }}", wf.Env["IMAGE"])
	return strings.ToLower(strings.ReplaceAll(images, "${{ github.repository }}", repository(t)))
}

// imageIDs are the uid and gid of the Dockerfile's USER (imageUser).
func imageIDs(t *testing.T) (int64, int64) {
	t.Helper()
	u, g, _ := strings.Cut(imageUser, ":")
	uid, err1 := strconv.ParseInt(u, 10, 64)
	gid, err2 := strconv.ParseInt(g, 10, 64)
	if err1 != nil || err2 != nil || !bytes.Contains(readFile(t, "Dockerfile"), []byte("USER "+imageUser)) {
		t.Fatalf("the Dockerfile's USER is not %s", imageUser)
	}
	return uid, gid
}

// flagValue is the argument after name in args ("" when absent).
func flagValue(args []string, name string) string {
	for i, a := range args {
		if a == name && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func deref(p *int32) any {
	if p == nil {
		return nil
	}
	return *p
}
