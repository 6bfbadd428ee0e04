#!/usr/bin/python3
"""Drives a Kubernetes API server with the official Python client (python3-kubernetes), as strict clients do.

Usage: python_conformance.py KUBECONFIG    runs every call against the cluster, one JSON line per call:
                                             {"name": ..., "ok": true|false, "error": "..."}
       python_conformance.py --list        prints the call names, one per line

The cluster must run manifests/sample-target (Ray head and workers, Redis, their budgets). A call passes
when it succeeds and what it returns holds, or when it fails exactly as a real 1.32 cluster fails (429
for an eviction the budget refuses, 404 for a missing pod or a removed API version). The Python client
validates required fields while deserializing, so every list and watch also checks the objects it reads.
Exit code 0 when every call passed, 1 when one failed, 3 when the kubernetes module is missing.
"""
import json
import sys
import threading

CALLS = []


def call(name):
    def register(fn):
        CALLS.append((name, fn))
        return fn
    return register


class Expected(Exception):
    """A check on a response that did not hold."""


class KnownClientBug(Exception):
    """The client failed as it fails against a real cluster, because of its own documented bug: the call passes, with this note."""


def check(condition, message):
    if not condition:
        raise Expected(message)


def expect_status(code, fn):
    """Runs fn; passes only when it fails with HTTP status `code`. Returns the decoded Status body."""
    from kubernetes.client.rest import ApiException
    try:
        fn()
    except ApiException as e:
        check(e.status == code, f"expected HTTP {code}, got {e.status}: {e.body}")
        return json.loads(e.body) if e.body else {}
    raise Expected(f"expected HTTP {code}, but the call succeeded")


class Cluster:
    """The API groups and the sample target's pods, as one run sees them."""

    def __init__(self, kubeconfig):
        from kubernetes import client, config
        config.load_kube_config(config_file=kubeconfig)
        self.client = client
        self.core = client.CoreV1Api()
        self.apps = client.AppsV1Api()
        self.batch = client.BatchV1Api()
        self.policy = client.PolicyV1Api()
        self.autoscaling = client.AutoscalingV1Api()
        self.networking = client.NetworkingV1Api()
        self.discovery = client.DiscoveryV1Api()
        self.coordination = client.CoordinationV1Api()

    def ready_pod(self, selector):
        pods = self.core.list_namespaced_pod("default", label_selector=selector).items
        ready = [p for p in pods if p.metadata.deletion_timestamp is None
                 and any(c.type == "Ready" and c.status == "True" for c in (p.status.conditions or []))]
        check(ready, f"no Ready pod matches {selector}")
        return sorted(ready, key=lambda p: p.metadata.name)[0]


HEAD = "ray.io/node-type=head"
WORKER = "ray.io/node-type=worker"


# Every kind the local cluster serves, listed across namespaces, with the fewest items the sample target has.
KINDS = [
    ("nodes", lambda c: c.core.list_node, 4),
    ("namespaces", lambda c: c.core.list_namespace, 4),
    ("pods", lambda c: c.core.list_pod_for_all_namespaces, 7),
    ("services", lambda c: c.core.list_service_for_all_namespaces, 3),
    ("endpoints", lambda c: c.core.list_endpoints_for_all_namespaces, 3),
    ("events", lambda c: c.core.list_event_for_all_namespaces, 1),
    ("configmaps", lambda c: c.core.list_config_map_for_all_namespaces, 0),
    ("secrets", lambda c: c.core.list_secret_for_all_namespaces, 0),
    ("serviceaccounts", lambda c: c.core.list_service_account_for_all_namespaces, 0),
    ("persistentvolumeclaims", lambda c: c.core.list_persistent_volume_claim_for_all_namespaces, 0),
    ("deployments", lambda c: c.apps.list_deployment_for_all_namespaces, 2),
    ("statefulsets", lambda c: c.apps.list_stateful_set_for_all_namespaces, 1),
    ("replicasets", lambda c: c.apps.list_replica_set_for_all_namespaces, 2),
    ("daemonsets", lambda c: c.apps.list_daemon_set_for_all_namespaces, 0),
    ("controllerrevisions", lambda c: c.apps.list_controller_revision_for_all_namespaces, 0),
    ("jobs", lambda c: c.batch.list_job_for_all_namespaces, 0),
    ("cronjobs", lambda c: c.batch.list_cron_job_for_all_namespaces, 0),
    ("poddisruptionbudgets", lambda c: c.policy.list_pod_disruption_budget_for_all_namespaces, 3),
    ("horizontalpodautoscalers_v1", lambda c: c.autoscaling.list_horizontal_pod_autoscaler_for_all_namespaces, 0),
    ("networkpolicies", lambda c: c.networking.list_network_policy_for_all_namespaces, 0),
    ("ingresses", lambda c: c.networking.list_ingress_for_all_namespaces, 0),
    ("endpointslices", lambda c: c.discovery.list_endpoint_slice_for_all_namespaces, 3),
    ("leases", lambda c: c.coordination.list_lease_for_all_namespaces, 4),
]


@call("version")
def version(c):
    info = c.client.VersionApi().get_code()
    check(info.git_version.startswith("v1.32."), f"gitVersion {info.git_version}")


@call("discovery_core")
def discovery_core(c):
    check("v1" in c.client.CoreApi().get_api_versions().versions, "/api does not list v1")


@call("discovery_groups")
def discovery_groups(c):
    groups = {g.name: g for g in c.client.ApisApi().get_api_versions().groups}
    autoscaling = groups.get("autoscaling")
    check(autoscaling is not None, "no autoscaling group")
    check([v.version for v in autoscaling.versions] == ["v2", "v1"], f"autoscaling versions {autoscaling.versions}")
    check(autoscaling.preferred_version.version == "v2", "autoscaling does not prefer v2")


@call("discovery_core_v1_resources")
def discovery_core_v1_resources(c):
    resources = {r.name: r for r in c.core.get_api_resources().resources}
    eviction = resources.get("pods/eviction")
    check(eviction is not None and eviction.group == "policy" and eviction.kind == "Eviction", "pods/eviction is not policy/v1 Eviction")


@call("discovery_autoscaling_v1_resources")
def discovery_autoscaling_v1_resources(c):
    names = [r.name for r in c.autoscaling.get_api_resources().resources]
    check("horizontalpodautoscalers" in names, f"autoscaling/v1 resources {names}")


def register_kind(name, lister, fewest):
    def list_kind(c):
        items = lister(c)().items
        check(len(items) >= fewest, f"{len(items)} {name}, expected at least {fewest}")

    def watch_kind(c):
        from kubernetes import watch
        fn = lister(c)
        expected = len(fn().items)
        w = watch.Watch()
        added = 0
        # Without a resourceVersion the server replays every object as ADDED; an empty kind ends at the timeout.
        for event in w.stream(fn, timeout_seconds=1 if expected == 0 else 30):
            check(event["type"] in ("ADDED", "MODIFIED", "DELETED", "BOOKMARK"), f"event type {event['type']}")
            if event["type"] == "ADDED":
                added += 1
            if added >= expected > 0:
                w.stop()
        check(added >= expected, f"{added} ADDED events for {expected} {name}")

    call(f"list_{name}")(list_kind)
    call(f"watch_{name}")(watch_kind)


for kind in KINDS:
    register_kind(*kind)


@call("pods_label_selector")
def pods_label_selector(c):
    pods = c.core.list_namespaced_pod("default", label_selector=WORKER).items
    check(len(pods) >= 3, f"{len(pods)} workers")
    check(all(p.metadata.labels.get("ray.io/node-type") == "worker" for p in pods), "a pod without the worker label")


@call("pods_field_selector")
def pods_field_selector(c):
    head = c.ready_pod(HEAD)
    pods = c.core.list_pod_for_all_namespaces(field_selector=f"spec.nodeName={head.spec.node_name}").items
    check(head.metadata.name in [p.metadata.name for p in pods], "the head is not listed on its node")
    check(all(p.spec.node_name == head.spec.node_name for p in pods), "a pod from another node")


@call("pods_paging")
def pods_paging(c):
    everything = sorted(p.metadata.name for p in c.core.list_namespaced_pod("default").items)
    paged, token = [], None
    while True:
        page = c.core.list_namespaced_pod("default", limit=2, _continue=token) if token else c.core.list_namespaced_pod("default", limit=2)
        check(len(page.items) <= 2, f"a page of {len(page.items)}")
        paged += [p.metadata.name for p in page.items]
        token = page.metadata._continue
        if not token:
            break
    check(sorted(paged) == everything, f"pages {sorted(paged)} != list {everything}")


@call("read_missing_pod_404")
def read_missing_pod_404(c):
    status = expect_status(404, lambda: c.core.read_namespaced_pod("ghost", "default"))
    check(status.get("reason") == "NotFound" and status.get("message") == 'pods "ghost" not found', f"status {status}")


@call("read_node_status")
def read_node_status(c):
    node = c.core.read_node_status("zd-node-1")
    info = node.status.node_info
    check(info.kubelet_version.startswith("v1.32.") and info.boot_id and info.machine_id, f"nodeInfo {info}")


@call("cordon_node")
def cordon_node(c):
    node = c.core.patch_node("zd-node-4", {"spec": {"unschedulable": True}})
    check(node.spec.unschedulable is True, "the node is not unschedulable")


@call("uncordon_node")
def uncordon_node(c):
    node = c.core.patch_node("zd-node-4", {"spec": {"unschedulable": None}})
    check(not node.spec.unschedulable, "the node is still unschedulable")


@call("pod_logs")
def pod_logs(c):
    head = c.ready_pod(HEAD)
    log = c.core.read_namespaced_pod_log(head.metadata.name, "default", tail_lines=20)
    check(isinstance(log, str) and log.strip(), f"log {log!r}")


@call("events_for_pod")
def events_for_pod(c):
    head = c.ready_pod(HEAD)
    events = c.core.list_namespaced_event("default", field_selector=f"involvedObject.name={head.metadata.name}").items
    check(any(e.reason == "Scheduled" for e in events), f"no Scheduled event among {[e.reason for e in events]}")
    check(all(e.involved_object.name == head.metadata.name for e in events), "an event about another object")


@call("pdb_status")
def pdb_status(c):
    status = c.policy.read_namespaced_pod_disruption_budget("ray-worker-pdb", "default").status
    check(status.desired_healthy == 2 and status.expected_pods == 3, f"status {status}")
    check(status.disruptions_allowed == status.current_healthy - status.desired_healthy, f"status {status}")


def eviction(c, pod):
    return c.client.V1Eviction(metadata=c.client.V1ObjectMeta(name=pod.metadata.name, namespace="default"))


@call("evict_refused_429")
def evict_refused_429(c):
    head = c.ready_pod(HEAD)
    status = expect_status(429, lambda: c.core.create_namespaced_pod_eviction(head.metadata.name, "default", eviction(c, head)))
    check(status.get("reason") == "TooManyRequests", f"status {status}")
    causes = (status.get("details") or {}).get("causes") or []
    check(any(cause.get("reason") == "DisruptionBudget" for cause in causes), f"causes {causes}")


@call("evict_accepted_201")
def evict_accepted_201(c):
    worker = c.ready_pod(WORKER)
    c.core.create_namespaced_pod_eviction(worker.metadata.name, "default", eviction(c, worker))
    pod = c.core.read_namespaced_pod(worker.metadata.name, "default")
    check(pod.metadata.deletion_timestamp is not None, "the evicted pod is not terminating")


SCALE = "conformance-scale"


@call("create_deployment")
def create_deployment(c):
    labels = {"app": SCALE}
    body = c.client.V1Deployment(
        metadata=c.client.V1ObjectMeta(name=SCALE),
        spec=c.client.V1DeploymentSpec(
            replicas=0,
            selector=c.client.V1LabelSelector(match_labels=labels),
            template=c.client.V1PodTemplateSpec(
                metadata=c.client.V1ObjectMeta(labels=labels),
                spec=c.client.V1PodSpec(containers=[c.client.V1Container(name="app", image="registry.invalid/conformance:1")]))))
    created = c.apps.create_namespaced_deployment("default", body)
    check(created.spec.replicas == 0, f"replicas {created.spec.replicas}")


@call("scale_read")
def scale_read(c):
    scale = c.apps.read_namespaced_deployment_scale(SCALE, "default")
    check(scale.spec.replicas == 0, f"scale {scale}")


@call("scale_patch")
def scale_patch(c):
    scale = c.apps.patch_namespaced_deployment_scale(SCALE, "default", {"spec": {"replicas": 2}})
    check(scale.spec.replicas == 2, f"scale {scale}")
    check(c.apps.read_namespaced_deployment(SCALE, "default").spec.replicas == 2, "the deployment did not take the new scale")


@call("delete_deployment")
def delete_deployment(c):
    c.apps.delete_namespaced_deployment(SCALE, "default", propagation_policy="Background")
    expect_status(404, lambda: c.apps.read_namespaced_deployment(SCALE, "default"))


POLICY = "conformance-isolate-nothing"


@call("networkpolicy_create")
def networkpolicy_create(c):
    body = c.client.V1NetworkPolicy(
        metadata=c.client.V1ObjectMeta(name=POLICY),
        spec=c.client.V1NetworkPolicySpec(
            pod_selector=c.client.V1LabelSelector(match_labels={"conformance": "selects-no-pod"}),
            policy_types=["Ingress"]))
    created = c.networking.create_namespaced_network_policy("default", body)
    check(created.metadata.uid, "no uid")


@call("networkpolicy_read")
def networkpolicy_read(c):
    policy = c.networking.read_namespaced_network_policy(POLICY, "default")
    check(policy.spec.pod_selector.match_labels == {"conformance": "selects-no-pod"}, f"spec {policy.spec}")


@call("networkpolicy_delete")
def networkpolicy_delete(c):
    c.networking.delete_namespaced_network_policy(POLICY, "default")
    expect_status(404, lambda: c.networking.read_namespaced_network_policy(POLICY, "default"))


HPA = "conformance-hpa"


@call("hpa_v1_create")
def hpa_v1_create(c):
    body = c.client.V1HorizontalPodAutoscaler(
        metadata=c.client.V1ObjectMeta(name=HPA),
        spec=c.client.V1HorizontalPodAutoscalerSpec(
            scale_target_ref=c.client.V1CrossVersionObjectReference(api_version="apps/v1", kind="Deployment", name="conformance-absent"),
            min_replicas=1, max_replicas=3, target_cpu_utilization_percentage=50))
    created = c.autoscaling.create_namespaced_horizontal_pod_autoscaler("default", body)
    check(created.spec.target_cpu_utilization_percentage == 50, f"spec {created.spec}")


@call("hpa_v1_read")
def hpa_v1_read(c):
    hpa = c.autoscaling.read_namespaced_horizontal_pod_autoscaler(HPA, "default")
    check(hpa.spec.max_replicas == 3 and hpa.status.desired_replicas is not None, f"hpa {hpa}")


@call("hpa_v1_patch")
def hpa_v1_patch(c):
    hpa = c.autoscaling.patch_namespaced_horizontal_pod_autoscaler(HPA, "default", {"spec": {"targetCPUUtilizationPercentage": 70}})
    check(hpa.spec.target_cpu_utilization_percentage == 70, f"spec {hpa.spec}")


@call("hpa_v1_delete")
def hpa_v1_delete(c):
    c.autoscaling.delete_namespaced_horizontal_pod_autoscaler(HPA, "default")
    expect_status(404, lambda: c.autoscaling.read_namespaced_horizontal_pod_autoscaler(HPA, "default"))


@call("hpa_v2beta2_not_served_404")
def hpa_v2beta2_not_served_404(c):
    # autoscaling/v2beta2 was removed in 1.26: a 1.32 server answers 404, and so must we.
    expect_status(404, lambda: c.client.AutoscalingV2beta2Api().list_horizontal_pod_autoscaler_for_all_namespaces())


NO_BACKENDS = "conformance-no-backends"


@call("endpointslice_without_endpoints")
def endpointslice_without_endpoints(c):
    # A Service selecting no pod gets a slice with "endpoints": null, as from a real 1.32 API server. This client's model
    # requires the field and refuses the list (kubernetes-client/python#2423; the schema allows null from Kubernetes
    # 1.36, kubernetes/kubernetes#136111), exactly as it does against a real cluster.
    from kubernetes.watch.watch import iter_resp_lines
    selector = f"kubernetes.io/service-name={NO_BACKENDS}"
    service = c.client.V1Service(
        metadata=c.client.V1ObjectMeta(name=NO_BACKENDS),
        spec=c.client.V1ServiceSpec(selector={"conformance": "selects-no-pod"}, ports=[c.client.V1ServicePort(port=80)]))
    c.core.create_namespaced_service("default", service)
    try:
        raw = c.discovery.list_namespaced_endpoint_slice("default", label_selector=selector, watch=True, timeout_seconds=30, _preload_content=False)
        try:
            slice_ = next((json.loads(line)["object"] for line in iter_resp_lines(raw) if line), None)
        finally:
            raw.close()
        check(slice_ is not None, "no EndpointSlice for a service without backends")
        check(slice_.get("endpoints", "absent") is None, f"endpoints is {slice_.get('endpoints', 'absent')!r}, a real server sends null")
        try:
            c.discovery.list_namespaced_endpoint_slice("default", label_selector=selector)
        except ValueError as e:
            check("`endpoints`, must not be `None`" in str(e), f"unexpected client error {e}")
            raise KnownClientBug("kubernetes-client/python#2423: the client refuses an EndpointSlice whose endpoints are null, "
                                 "which a real API server sends for a service without backends")
    finally:
        c.core.delete_namespaced_service(NO_BACKENDS, "default")


WATCHED = "conformance-watched"


@call("watch_added_modified_deleted")
def watch_added_modified_deleted(c):
    from kubernetes import watch
    start = c.core.list_namespaced_config_map("default").metadata.resource_version
    seen, w = [], watch.Watch()
    ready = threading.Event()

    def consume():
        ready.set()
        for event in w.stream(c.core.list_namespaced_config_map, "default", resource_version=start,
                              field_selector=f"metadata.name={WATCHED}", timeout_seconds=30):
            seen.append(event["type"])
            if event["type"] == "DELETED":
                w.stop()

    reader = threading.Thread(target=consume)
    reader.start()
    ready.wait()
    body = c.client.V1ConfigMap(metadata=c.client.V1ObjectMeta(name=WATCHED), data={"step": "1"})
    c.core.create_namespaced_config_map("default", body)
    c.core.patch_namespaced_config_map(WATCHED, "default", {"data": {"step": "2"}})
    c.core.delete_namespaced_config_map(WATCHED, "default")
    reader.join(35)
    check(seen == ["ADDED", "MODIFIED", "DELETED"], f"events {seen}")


def describe(error):
    from kubernetes.client.rest import ApiException
    if isinstance(error, ApiException):
        return f"ApiException {error.status} {error.reason}: {(error.body or '').strip()[:500]}"
    if isinstance(error, Expected):
        return str(error)
    return f"{type(error).__name__}: {error}"


def main(argv):
    if argv[1:] == ["--list"]:
        for name, _ in CALLS:
            print(name)
        return 0
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        import kubernetes  # noqa: F401
    except ImportError as e:
        print(json.dumps({"name": "import", "ok": False, "error": f"{e}; install the Debian package: apt-get install python3-kubernetes"}), flush=True)
        return 3
    cluster = Cluster(argv[1])
    failed = 0
    for name, fn in CALLS:
        try:
            fn(cluster)
            print(json.dumps({"name": name, "ok": True}), flush=True)
        except KnownClientBug as bug:
            print(json.dumps({"name": name, "ok": True, "note": str(bug)}), flush=True)
        except Exception as error:  # noqa: BLE001 - every failure is reported, named, and the run goes on
            failed += 1
            print(json.dumps({"name": name, "ok": False, "error": describe(error)}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
