using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Http;

/// <summary>Discovery never promises what is not served: every advertised resource answers list and get in every advertised version.</summary>
public sealed class DiscoveryConsistencyTests : IClassFixture<TestCluster>
{
    // Enough of each kind for the API to accept it; kinds not listed need only a name.
    private static readonly Dictionary<string, string> Probes = new()
    {
        ["Pod"] = """{"spec":{"containers":[{"name":"app","image":"zd/app:1"}]}}""",
        ["Deployment"] = Workload(),
        ["ReplicaSet"] = Workload(),
        ["StatefulSet"] = Workload(""" "serviceName":"probe", """),
        ["DaemonSet"] = Workload(),
        ["Job"] = """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"zd/app:1"}]}}}}""",
        ["CronJob"] = """{"spec":{"schedule":"*/5 * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"zd/app:1"}]}}}}}}""",
        ["HorizontalPodAutoscaler"] = """{"spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"probe"},"maxReplicas":2}}""",
        ["PodDisruptionBudget"] = """{"spec":{"minAvailable":1,"selector":{"matchLabels":{"app":"probe"}}}}""",
        ["NetworkPolicy"] = """{"spec":{"podSelector":{}}}""",
        ["EndpointSlice"] = """{"addressType":"IPv4","endpoints":[]}""",
        ["ControllerRevision"] = """{"revision":1}""",
        ["Event"] = """{"involvedObject":{"kind":"Pod","name":"probe"},"reason":"Probe","type":"Normal"}""",
        ["Lease"] = """{"spec":{"holderIdentity":"probe"}}""",
    };

    private readonly TestCluster _cluster;

    public DiscoveryConsistencyTests(TestCluster cluster) => _cluster = cluster;

    private static string Workload(string extra = "") =>
        """{"spec":{""" + extra + """ "selector":{"matchLabels":{"app":"probe"}},"template":{"metadata":{"labels":{"app":"probe"}},"spec":{"containers":[{"name":"app","image":"zd/app:1"}]}}}}""";

    [Fact]
    public async Task Every_advertised_resource_answers_list_and_get_in_every_advertised_version()
    {
        var ns = _cluster.NewNamespace();
        foreach (var type in _cluster.Api.Resources.All.Where(t => t.Namespaced))
        {
            var probe = JsonNode.Parse(Probes.GetValueOrDefault(type.Kind, "{}"))!.AsObject();
            probe["metadata"] = new JsonObject { ["name"] = "probe", ["namespace"] = ns };
            _cluster.Api.For(type).Create(probe);
        }

        // Cluster-scoped kinds a fresh cluster has none of (ClusterRoles, ClusterRoleBindings) get one too.
        foreach (var type in _cluster.Api.Resources.All.Where(t => !t.Namespaced && _cluster.Api.Store.Snapshot(t).IsEmpty))
        {
            _cluster.Api.For(type).Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = "probe" } });
        }

        var groupVersions = (await _cluster.GetOkAsync("api"))["versions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        foreach (var group in (await _cluster.GetOkAsync("apis"))["groups"]!.AsArray())
        {
            groupVersions.AddRange(group!["versions"]!.AsArray().Select(v => v!["groupVersion"]!.GetValue<string>()));
        }

        var failures = new List<string>();
        var checkedResources = new List<string>();
        foreach (var groupVersion in groupVersions)
        {
            var prefix = groupVersion.Contains('/') ? $"apis/{groupVersion}" : $"api/{groupVersion}";
            var list = await _cluster.GetOkAsync(prefix);
            foreach (var resource in list["resources"]!.AsArray().Select(r => r!.AsObject()))
            {
                var name = resource.GetString("name")!;
                var verbs = resource["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
                if (name.Contains('/') || !verbs.Contains("list") || !verbs.Contains("get"))
                {
                    continue;
                }

                checkedResources.Add($"{groupVersion}/{name}");
                await CheckAsync(prefix, groupVersion, resource, ns, failures);
            }
        }

        checkedResources.Should().Contain(["v1/pods", "autoscaling/v2/horizontalpodautoscalers", "autoscaling/v1/horizontalpodautoscalers", "coordination.k8s.io/v1/leases"]);
        failures.Should().BeEmpty();
    }

    private async Task CheckAsync(string prefix, string groupVersion, JsonObject resource, string ns, List<string> failures)
    {
        var plural = resource.GetString("name")!;
        var kind = resource.GetString("kind")!;
        var namespaced = resource.GetBool("namespaced") == true;
        var (listCode, list) = await _cluster.SendAsync(HttpMethod.Get, $"{prefix}/{plural}");
        if (listCode != System.Net.HttpStatusCode.OK || list.GetString("kind") != kind + "List" || list.GetString("apiVersion") != groupVersion)
        {
            failures.Add($"LIST {prefix}/{plural}: {(int)listCode} {list.GetString("kind")} {list.GetString("apiVersion")}");
            return;
        }

        var item = list["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault(i => !namespaced || i.Namespace() == ns)
            ?? list["items"]!.AsArray().OfType<JsonObject>().FirstOrDefault();
        if (item is null)
        {
            failures.Add($"LIST {prefix}/{plural}: no item to get");
            return;
        }

        var path = namespaced ? $"{prefix}/namespaces/{item.Namespace()}/{plural}/{item.Name()}" : $"{prefix}/{plural}/{item.Name()}";
        var (getCode, got) = await _cluster.SendAsync(HttpMethod.Get, path);
        if (getCode != System.Net.HttpStatusCode.OK || got.GetString("kind") != kind || got.GetString("apiVersion") != groupVersion)
        {
            failures.Add($"GET {path}: {(int)getCode} {got.GetString("kind")} {got.GetString("apiVersion")}");
        }

        var advertised = (await _cluster.GetOkAsync(prefix))["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())
            .Where(n => n.StartsWith(plural + "/", StringComparison.Ordinal)).Select(n => n[(plural.Length + 1)..]).ToList();
        foreach (var sub in (string[])["status", "scale"])
        {
            var (subCode, _) = await _cluster.SendAsync(HttpMethod.Get, $"{path}/{sub}");
            if (advertised.Contains(sub) != (subCode == System.Net.HttpStatusCode.OK))
            {
                failures.Add($"GET {path}/{sub}: {(int)subCode} but discovery {(advertised.Contains(sub) ? "advertises" : "does not advertise")} it");
            }
        }

        // The other subresources (eviction, log, proxy, exec...) may refuse a bare GET, but never as an unknown path.
        foreach (var sub in advertised.Except(["status", "scale"]))
        {
            using var response = await _cluster.Http.GetAsync($"{path}/{sub}");
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound && body.Contains("the server could not find the requested resource", StringComparison.Ordinal))
            {
                failures.Add($"GET {path}/{sub}: discovery advertises it but the server does not know the path");
            }
        }
    }
}
