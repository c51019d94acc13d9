{{/*
Named templates of the refusalguard chart.

Every template here takes a context with .Values (this chart's values) and .Release, so an agent's chart that
depends on this one can call them with its own values for the subchart:
  {{ include "refusalguard.sidecarContainer" (dict "Values" .Values.refusalguard "Release" .Release) }}
None of them reads .Chart (which would be the caller's chart there), so names come out the same either way.
*/}}

{{/* Name used in labels: "refusalguard" unless nameOverride. */}}
{{- define "refusalguard.name" -}}
{{- default "refusalguard" .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name: fullnameOverride, else <release>-<name> (or <release> when it already contains the name). */}}
{{- define "refusalguard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "refusalguard.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "refusalguard.configMapName" -}}
{{- printf "%s-config" (include "refusalguard.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "refusalguard.secretName" -}}
{{- default (printf "%s-provider-keys" (include "refusalguard.fullname" .)) .Values.providerKeys.secretName | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels (stable across upgrades). */}}
{{- define "refusalguard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "refusalguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: gateway
{{- end -}}

{{/* Common labels. */}}
{{- define "refusalguard.labels" -}}
app.kubernetes.io/name: {{ include "refusalguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: refusalguard
{{- with .Release.Service }}
app.kubernetes.io/managed-by: {{ . }}
{{- end }}
{{- with .Chart }}
helm.sh/chart: {{ printf "%s-%s" .Name .Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/version: {{ .AppVersion | quote }}
{{- end }}
{{- end -}}

{{/* Image reference: repository@digest when a digest is set, else repository:tag (tag defaults to appVersion). */}}
{{- define "refusalguard.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- $tag := .Values.image.tag -}}
{{- if and (not $tag) .Chart -}}{{- $tag = .Chart.AppVersion -}}{{- end -}}
{{- required "image.tag (or image.digest) is required when the chart's appVersion is not available" $tag | printf "%s:%s" .Values.image.repository -}}
{{- end -}}
{{- end -}}

{{/*
The proxy's config.yaml. listen is 127.0.0.1 for a sidecar (only the agent in the same pod may call it) and
0.0.0.0 for the standalone gateway; admin is always 0.0.0.0 because the kubelet probes it on the pod IP.
*/}}
{{- define "refusalguard.configYaml" -}}
{{- $host := ternary "0.0.0.0" "127.0.0.1" (eq .Values.mode "standalone") -}}
server:
  listen: {{ printf "%s:%d" $host (int .Values.ports.proxy) | quote }}
  admin: {{ printf "0.0.0.0:%d" (int .Values.ports.admin) | quote }}
  maxRequestBytes: {{ int64 .Values.server.maxRequestBytes }}
  maxHeaderBytes: {{ int64 .Values.server.maxHeaderBytes }}
  idleTimeout: {{ printf "%ds" (int .Values.server.idleTimeoutSeconds) }}
  drainTimeout: {{ printf "%ds" (int .Values.server.drainTimeoutSeconds) }}
upstreams:
{{- toYaml .Values.upstreams | nindent 2 }}
{{- with .Values.routes }}
routes:
{{- toYaml . | nindent 2 }}
{{- end }}
defaultUpstream: {{ .Values.defaultUpstream | quote }}
recovery:
  {{- toYaml .Values.recovery | nindent 2 }}
{{- with .Values.extraConfig }}
{{ toYaml . }}
{{- end }}
policyFile: /etc/refusalguard/policy.yaml
{{- end -}}

{{/* The ConfigMap holding config.yaml and policy.yaml. */}}
{{- define "refusalguard.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "refusalguard.configMapName" . }}
  labels:
    {{- include "refusalguard.labels" . | nindent 4 }}
data:
  config.yaml: |
    {{- include "refusalguard.configYaml" . | nindent 4 }}
  policy.yaml: |
    {{- toYaml .Values.policy | nindent 4 }}
{{- end -}}

{{/* Grace period before SIGKILL: preStop sleep + drainTimeout + margin (always longer than the drain). */}}
{{- define "refusalguard.terminationGracePeriodSeconds" -}}
{{- add (int .Values.shutdown.preStopSleepSeconds) (int .Values.server.drainTimeoutSeconds) (int .Values.shutdown.marginSeconds) -}}
{{- end -}}

{{/* Pod annotations: Prometheus scrape hints and a checksum of config.yaml (a change rolls the pods; policy.yaml
     is reloaded live so it is not part of the checksum). */}}
{{- define "refusalguard.podAnnotations" -}}
checksum/refusalguard-config: {{ include "refusalguard.configYaml" . | sha256sum }}
{{- if .Values.metrics.scrapeAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .Values.ports.admin | toString | quote }}
prometheus.io/path: "/metrics"
{{- end }}
{{- with .Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Environment: one variable per upstream key from the Secret, optional JVM options, extras. */}}
{{- define "refusalguard.env" -}}
{{- $secret := include "refusalguard.secretName" . -}}
{{- $optional := .Values.providerKeys.optionalKeys -}}
{{- $seen := dict -}}
{{- range .Values.upstreams }}
{{- if and .apiKeyEnv (not (hasKey $seen .apiKeyEnv)) }}
{{- $_ := set $seen .apiKeyEnv true }}
- name: {{ .apiKeyEnv }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ .apiKeyEnv }}
      {{- if has .apiKeyEnv $optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}
{{- with .Values.jvm.toolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The RefusalGuard container. Call with (dict "root" <context> "standalone" <bool>).
A sidecar exposes only the admin port (the proxy port is bound to the pod's loopback).
*/}}
{{- define "refusalguard.container" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
name: refusalguard
image: {{ include "refusalguard.image" $root | quote }}
imagePullPolicy: {{ $v.image.pullPolicy }}
{{- if and (not .standalone) $v.sidecar.native }}
restartPolicy: Always
{{- end }}
args: ["serve", "--config", "/etc/refusalguard/config.yaml"]
ports:
  {{- if .standalone }}
  - name: proxy
    containerPort: {{ $v.ports.proxy }}
    protocol: TCP
  {{- end }}
  - name: admin
    containerPort: {{ $v.ports.admin }}
    protocol: TCP
{{- $env := include "refusalguard.env" $root }}
{{- if $env }}
env:
  {{- $env | trim | nindent 2 }}
{{- end }}
resources:
  {{- toYaml $v.resources | nindent 2 }}
startupProbe:
  httpGet:
    path: /readyz
    port: admin
  periodSeconds: {{ $v.probes.startup.periodSeconds }}
  timeoutSeconds: 2
  failureThreshold: {{ $v.probes.startup.failureThreshold }}
readinessProbe:
  httpGet:
    path: /readyz
    port: admin
  periodSeconds: {{ $v.probes.readiness.periodSeconds }}
  timeoutSeconds: 2
  failureThreshold: {{ $v.probes.readiness.failureThreshold }}
livenessProbe:
  httpGet:
    path: /healthz
    port: admin
  periodSeconds: {{ $v.probes.liveness.periodSeconds }}
  timeoutSeconds: 2
  failureThreshold: {{ $v.probes.liveness.failureThreshold }}
{{- if gt (int $v.shutdown.preStopSleepSeconds) 0 }}
lifecycle:
  preStop:
    exec:
      command: ["sleep", {{ $v.shutdown.preStopSleepSeconds | toString | quote }}]
{{- end }}
securityContext:
  {{- toYaml $v.securityContext | nindent 2 }}
volumeMounts:
  - name: refusalguard-config
    mountPath: /etc/refusalguard
    readOnly: true
  - name: refusalguard-tmp
    mountPath: /tmp
{{- end -}}

{{/* The sidecar container, for an agent pod's initContainers (sidecar.native) or containers list. */}}
{{- define "refusalguard.sidecarContainer" -}}
{{- include "refusalguard.container" (dict "root" . "standalone" false) -}}
{{- end -}}

{{/* The volumes the container mounts: the ConfigMap as a directory (so updates reach it) and a writable /tmp. */}}
{{- define "refusalguard.sidecarVolumes" -}}
- name: refusalguard-config
  configMap:
    name: {{ include "refusalguard.configMapName" . }}
- name: refusalguard-tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- end -}}
