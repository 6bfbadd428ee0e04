using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

/// <summary>The real kubectl v1.32 drives the local cluster.</summary>
public sealed class KubectlTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public KubectlTests(TestCluster cluster) => _cluster = cluster;

    private static string[] Header(string table) => table.Split('\n')[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [KubectlFact]
    public async Task Get_pods_all_namespaces_prints_the_usual_columns()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "web-0"));

        var output = await Kubectl.OkAsync(_cluster, "get", "pods", "-A");

        Header(output).Should().Equal("NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE");
        output.Should().MatchRegex($@"{ns}\s+web-0\s+0/1\s+Pending\s+0\s+\d+s");
    }

    [KubectlFact]
    public async Task Get_nodes_lists_four_ready_nodes_with_version()
    {
        var output = await Kubectl.OkAsync(_cluster, "get", "nodes");

        Header(output).Should().Equal("NAME", "STATUS", "ROLES", "AGE", "VERSION");
        output.Should().MatchRegex(@"zd-node-4\s+Ready\s+<none>\s+\S+\s+v1\.32\.0-zd");
    }

    [KubectlFact]
    public async Task Get_pdb_prints_budget_columns_with_na_for_unset_fields()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.PodDisruptionBudgets.Create(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "workers", ["namespace"] = ns },
            ["spec"] = new JsonObject { ["maxUnavailable"] = 1, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "w" } } },
        });

        var output = await Kubectl.OkAsync(_cluster, "get", "pdb", "-n", ns);

        Header(output).Should().Equal("NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE");
        output.Should().MatchRegex(@"workers\s+N/A\s+1\s+0\s+\d+s");
    }

    [KubectlFact]
    public async Task Get_pod_as_json_round_trips_unknown_fields()
    {
        var ns = _cluster.NewNamespace();
        var pod = Objects.Pod(ns, "p");
        pod["spec"]!["zdExtension"] = new JsonObject { ["kept"] = true };
        _cluster.Api.Pods.Create(pod);

        var json = JsonNode.Parse(await Kubectl.OkAsync(_cluster, "get", "pod", "p", "-n", ns, "-o", "json"))!;

        json["kind"]!.GetValue<string>().Should().Be("Pod");
        json["spec"]!["zdExtension"]!["kept"]!.GetValue<bool>().Should().BeTrue();
    }

    [KubectlFact]
    public async Task Create_from_a_file_validates_server_side_without_flags()
    {
        var ns = _cluster.NewNamespace();
        var file = Path.Combine(_cluster.CacheDirectory, $"{ns}.yaml");
        Directory.CreateDirectory(_cluster.CacheDirectory);
        await File.WriteAllTextAsync(file, $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {"{"}name: web, namespace: {ns}{"}"}
            spec:
              replicas: 3
              selector: {"{"}matchLabels: {"{"}app: web{"}}"}
              template:
                metadata: {"{"}labels: {"{"}app: web{"}}"}
                spec:
                  containers: [{"{"}name: app, image: "zd/app:1"{"}"}]
            """);

        var output = await Kubectl.OkAsync(_cluster, "create", "-f", file);

        output.Trim().Should().Be("deployment.apps/web created");
        _cluster.Api.Deployments.Get(ns, "web").GetInt64("spec", "replicas").Should().Be(3);
    }

    [KubectlFact]
    public async Task Delete_pod_returns_once_the_pod_is_gone()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "victim", grace: 30));

        var output = await Kubectl.OkAsync(_cluster, "delete", "pod", "victim", "-n", ns, "--grace-period=1");

        output.Trim().Should().Be("pod \"victim\" deleted");
        _cluster.Api.Pods.TryGet(ns, "victim").Should().BeNull();
    }

    [KubectlFact]
    public async Task Cordon_and_uncordon_toggle_unschedulable()
    {
        (await Kubectl.OkAsync(_cluster, "cordon", "zd-node-2")).Trim().Should().Be("node/zd-node-2 cordoned");
        _cluster.Api.Nodes.Get(null, "zd-node-2").GetBool("spec", "unschedulable").Should().BeTrue();
        (await Kubectl.OkAsync(_cluster, "get", "node", "zd-node-2")).Should().Contain("Ready,SchedulingDisabled");

        (await Kubectl.OkAsync(_cluster, "uncordon", "zd-node-2")).Trim().Should().Be("node/zd-node-2 uncordoned");
        _cluster.Api.Nodes.Get(null, "zd-node-2").GetNode("spec", "unschedulable").Should().BeNull();
    }

    [KubectlFact]
    public async Task Label_and_annotate_change_metadata()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "p"));

        await Kubectl.OkAsync(_cluster, "label", "pod", "p", "-n", ns, "tier=db");
        await Kubectl.OkAsync(_cluster, "annotate", "pod", "p", "-n", ns, "zerodowntime.io/run=r1");

        var pod = _cluster.Api.Pods.Get(ns, "p");
        pod.GetString("metadata", "labels", "tier").Should().Be("db");
        pod.GetString("metadata", "annotations", "zerodowntime.io/run").Should().Be("r1");
    }

    [KubectlFact]
    public async Task Patch_with_merge_json_and_strategic_types()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Deployments.Create(Objects.Deployment(ns, "web"));

        await Kubectl.OkAsync(_cluster, "patch", "deploy", "web", "-n", ns, "--type", "merge", "-p", """{"metadata":{"labels":{"m":"1"}}}""");
        await Kubectl.OkAsync(_cluster, "patch", "deploy", "web", "-n", ns, "--type", "json", "-p", """[{"op":"replace","path":"/spec/replicas","value":4}]""");
        await Kubectl.OkAsync(_cluster, "patch", "deploy", "web", "-n", ns, "--type", "strategic", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"zd/app:2"}]}}}}""");

        var deployment = _cluster.Api.Deployments.Get(ns, "web");
        deployment.GetString("metadata", "labels", "m").Should().Be("1");
        deployment.GetInt64("spec", "replicas").Should().Be(4);
        var containers = deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Select(c => c!["image"]!.GetValue<string>()).Should().Equal("zd/app:2", "zd/sidecar:1");
        deployment.GetInt64("metadata", "generation").Should().Be(3);
    }

    [KubectlFact]
    public async Task Set_image_bumps_generation_and_keeps_other_containers()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Deployments.Create(Objects.Deployment(ns, "web"));

        await Kubectl.OkAsync(_cluster, "set", "image", "deploy/web", "-n", ns, "app=zd/app:3");

        var deployment = _cluster.Api.Deployments.Get(ns, "web");
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => c!["image"]!.GetValue<string>())
            .Should().Equal("zd/app:3", "zd/sidecar:1");
        deployment.GetInt64("metadata", "generation").Should().Be(2);
    }

    [KubectlFact]
    public async Task Scale_changes_only_spec_replicas()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Deployments.Create(Objects.Deployment(ns, "web"));

        (await Kubectl.OkAsync(_cluster, "scale", "deploy/web", "-n", ns, "--replicas=5")).Trim().Should().Be("deployment.apps/web scaled");

        var deployment = _cluster.Api.Deployments.Get(ns, "web");
        deployment.GetInt64("spec", "replicas").Should().Be(5);
        deployment.GetNode("status", "replicas").Should().BeNull("no controller runs yet");
    }

    [KubectlFact]
    public async Task Get_watch_prints_the_initial_row_and_changes_until_the_request_timeout()
    {
        var ns = _cluster.NewNamespace();
        _cluster.Api.Pods.Create(Objects.Pod(ns, "watched"));
        var opened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnWatch(Storage.StoreWatcher w)
        {
            if (w.Namespace == ns)
            {
                opened.TrySetResult();
            }
        }

        _cluster.Api.Store.WatcherAdded += OnWatch;
        var watch = Kubectl.RunAsync(_cluster, "get", "pods", "-n", ns, "--watch", "--request-timeout=5s");
        await opened.Task.WaitAsync(Deadlines.Kubectl);
        _cluster.Api.Store.WatcherAdded -= OnWatch;
        _cluster.Api.Pods.Mutate(ns, "watched", p => p["status"]!["phase"] = "Running", status: true);

        var (_, stdout, _) = await watch;

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Header(lines[0]).Should().Equal("NAME", "READY", "STATUS", "RESTARTS", "AGE");
        lines.Should().Contain(l => l.Contains("watched") && l.Contains("Pending"));
        lines.Should().Contain(l => l.Contains("watched") && l.Contains("Running"));
    }

    [KubectlFact]
    public async Task Get_of_a_missing_pod_prints_the_not_found_status()
    {
        var (code, _, stderr) = await Kubectl.RunAsync(_cluster, "get", "pod", "ghost");

        code.Should().Be(1);
        stderr.Trim().Should().Be("Error from server (NotFound): pods \"ghost\" not found");
    }
}
