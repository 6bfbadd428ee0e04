using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Manifests;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests;

public sealed class ManifestTests : IClassFixture<TestCluster>
{
    private readonly TestCluster _cluster;

    public ManifestTests(TestCluster cluster) => _cluster = cluster;

    [Fact]
    public void An_autoscaling_v1_manifest_is_stored_as_autoscaling_v2()
    {
        var ns = _cluster.NewNamespace();
        var documents = ManifestLoader.Parse($$"""
            apiVersion: autoscaling/v1
            kind: HorizontalPodAutoscaler
            metadata: {name: web, namespace: {{ns}}}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 4
              targetCPUUtilizationPercentage: 65
            """, "hpa.yaml", _cluster.Api.Resources);

        ManifestLoader.Apply(_cluster.Api, documents);

        var stored = _cluster.Api.HorizontalPodAutoscalers.Get(ns, "web");
        stored.GetString("apiVersion").Should().Be("autoscaling/v2");
        stored["spec"]!["metrics"]![0]!["resource"]!["target"]!["averageUtilization"]!.GetValue<int>().Should().Be(65);
        stored.GetInt64("spec", "minReplicas").Should().Be(1, "autoscaling/v2 defaults minReplicas to 1");
    }

    [Fact]
    public void Yaml_scalars_keep_their_types_and_quoted_values_stay_strings()
    {
        var doc = ManifestLoader.Parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: typed}
            data:
              quotedBool: "true"
              quotedInt: '8080'
              version: "1.0"
            spec:
              int: 8080
              negative: -3
              float: 0.5
              bool: true
              nothing: null
              tilde: ~
              text: hello world
              explicit: !!str 42
            """, "typed.yaml", ResourceCatalog.Default).Single().Object;

        doc["data"]!["quotedBool"]!.GetValue<string>().Should().Be("true");
        doc["data"]!["quotedInt"]!.GetValue<string>().Should().Be("8080");
        doc["data"]!["version"]!.GetValue<string>().Should().Be("1.0");
        var spec = doc["spec"]!;
        spec["int"]!.GetValue<long>().Should().Be(8080);
        spec["negative"]!.GetValue<long>().Should().Be(-3);
        spec["float"]!.GetValue<double>().Should().Be(0.5);
        spec["bool"]!.GetValue<bool>().Should().BeTrue();
        spec.AsObject().ContainsKey("nothing").Should().BeTrue();
        spec["nothing"].Should().BeNull();
        spec["tilde"].Should().BeNull();
        spec["text"]!.GetValue<string>().Should().Be("hello world");
        spec["explicit"]!.GetValue<string>().Should().Be("42");
    }

    [Fact]
    public void An_unknown_kind_names_the_file_and_document()
    {
        var act = () => ManifestLoader.Parse("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ok}
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            """, "widgets.yaml", ResourceCatalog.Default);

        act.Should().Throw<ManifestException>()
            .WithMessage("widgets.yaml: document 2 has unknown kind \"Widget\" (apiVersion \"example.com/v1\").");
    }

    [Fact]
    public void Yaml_that_does_not_parse_names_the_file_and_line()
    {
        var act = () => ManifestLoader.Parse("apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n", "broken.yaml", ResourceCatalog.Default);

        act.Should().Throw<ManifestException>().Which.Message.Should().MatchRegex(@"^broken\.yaml: line \d+: the YAML does not parse \(.+\)\.$");
    }

    [Fact]
    public void Manifests_apply_in_dependency_order_and_create_namespaces_as_needed()
    {
        var dir = Path.Combine(Path.GetTempPath(), "zd-manifests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var ns = "m-" + Guid.NewGuid().ToString("N")[..8];
            File.WriteAllText(Path.Combine(dir, "a-workloads.yaml"), $$$"""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: redis, namespace: {{{ns}}}}
                spec:
                  serviceName: redis
                  replicas: 3
                  selector: {matchLabels: {app: redis}}
                  template:
                    metadata: {labels: {app: redis}}
                    spec: {containers: [{name: redis, image: "redis:7"}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: ready-pod, namespace: {{{ns}}}}
                spec: {nodeName: zd-node-1, containers: [{name: c, image: x}]}
                status:
                  phase: Running
                  conditions: [{type: Ready, status: "True"}]
                """);
            File.WriteAllText(Path.Combine(dir, "b-service.yml"), $$$"""
                apiVersion: v1
                kind: Service
                metadata: {name: redis, namespace: {{{ns}}}}
                spec: {clusterIP: None, selector: {app: redis}, ports: [{port: 6379}]}
                """);

            var documents = ManifestLoader.LoadDirectory(dir, _cluster.Api.Resources);
            var applied = ManifestLoader.Apply(_cluster.Api, documents);

            applied.Should().Be(3);
            _cluster.Api.Namespaces.TryGet(null, ns).Should().NotBeNull();
            var service = _cluster.Api.Services.Get(ns, "redis");
            var statefulSet = _cluster.Api.StatefulSets.Get(ns, "redis");
            long.Parse(Objects.Rv(service)).Should().BeLessThan(long.Parse(Objects.Rv(statefulSet)), "services are applied before workloads");
            service.GetString("spec", "clusterIP").Should().Be("None");
            _cluster.Api.Pods.Get(ns, "ready-pod").IsPodReady().Should().BeTrue("status in a manifest is written back");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_rejected_document_names_its_origin()
    {
        var documents = ManifestLoader.Parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: bad}
            spec:
              selector: {matchLabels: {app: a}}
              template: {metadata: {labels: {app: b}}, spec: {containers: [{name: c, image: x}]}}
            """, "bad.yaml", ResourceCatalog.Default);

        var act = () => ManifestLoader.Apply(_cluster.Api, documents);

        act.Should().Throw<ManifestException>().Which.Message.Should()
            .StartWith("bad.yaml: document 1 (Deployment bad): Deployment \"bad\" is invalid: spec.template.metadata.labels:");
    }
}
