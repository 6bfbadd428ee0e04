using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Controllers;
using ZeroDowntime.LocalCluster.Nodes;
using ZeroDowntime.LocalCluster.Storage;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Nodes;

/// <summary>Registered nodes carry what a real kubelet reports, including every field the Node schema marks required.</summary>
public sealed class NodeRegistrationTests
{
    // NodeSystemInfo's required fields (k8s.io/api core/v1 types.go; the Python client refuses a node without any of them).
    private static readonly string[] RequiredNodeInfo =
        ["machineID", "systemUUID", "bootID", "kernelVersion", "osImage", "containerRuntimeVersion", "kubeletVersion", "kubeProxyVersion", "operatingSystem", "architecture"];

    private static ClusterApi NewApi()
    {
        var api = new ClusterApi(new ObjectStore(ResourceCatalog.Default));
        api.AdmissionHooks.Add(new BuiltinDefaults());
        foreach (var ns in (string[])["default", NodeLeases.Namespace])
        {
            api.Namespaces.Create(new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } });
        }

        NodeRegistrar.Register(api, 2);
        return api;
    }

    [Fact]
    public void Node_info_has_every_required_field_taken_from_the_host()
    {
        var node = NewApi().Nodes.Get(null, "zd-node-1");

        var info = node.GetNode("status", "nodeInfo")!.AsObject();
        foreach (var field in RequiredNodeInfo)
        {
            info.GetString(field).Should().NotBeNullOrEmpty($"nodeInfo.{field} is required");
        }

        info.GetString("kubeletVersion").Should().Be(KubernetesVersion.GitVersion);
        info.GetString("kubeProxyVersion").Should().Be(KubernetesVersion.GitVersion, "a 1.32 kubelet still reports it");
        info.GetString("containerRuntimeVersion").Should().Be("zd-process://1.0");
        info.GetString("kernelVersion").Should().Be(HostFacts.Current.KernelVersion);
        info.GetString("osImage").Should().Be(HostFacts.Current.OsImage);
        info.GetString("architecture").Should().Be(HostFacts.GoArchitecture(RuntimeInformation.OSArchitecture));
        info.GetString("machineID").Should().MatchRegex("^[0-9a-f]{32}$");
        Guid.TryParse(info.GetString("systemUUID"), out _).Should().BeTrue();
        Guid.TryParse(info.GetString("bootID"), out _).Should().BeTrue();
        node.GetString("metadata", "labels", "kubernetes.io/arch").Should().Be(info.GetString("architecture"));
    }

    [Fact]
    public void Machine_ids_are_stable_per_node_and_differ_between_nodes()
    {
        var first = NewApi();
        var second = NewApi();

        string Id(ClusterApi api, string node, string field) => api.Nodes.Get(null, node).GetString("status", "nodeInfo", field)!;

        Id(first, "zd-node-1", "machineID").Should().Be(Id(second, "zd-node-1", "machineID"));
        Id(first, "zd-node-1", "systemUUID").Should().Be(Id(second, "zd-node-1", "systemUUID"));
        Id(first, "zd-node-1", "machineID").Should().NotBe(Id(first, "zd-node-2", "machineID"));
        Id(first, "zd-node-1", "systemUUID").Should().NotBe(Id(first, "zd-node-2", "systemUUID"));
        Id(first, "zd-node-1", "bootID").Should().NotBe(Id(second, "zd-node-1", "bootID"), "each cluster start is a new boot");
    }

    [Fact]
    public void Status_has_addresses_daemon_endpoints_capacity_and_allocatable()
    {
        var status = NewApi().Nodes.Get(null, "zd-node-2")["status"]!.AsObject();

        status["addresses"]!.AsArray().Select(a => $"{a!["type"]}={a["address"]}").Should().Equal("InternalIP=127.0.0.1", "Hostname=zd-node-2");
        status.GetInt64("daemonEndpoints", "kubeletEndpoint", "Port").Should().Be(0, "no kubelet API listens for a local node");
        foreach (var list in (string[])["capacity", "allocatable"])
        {
            status[list]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(["cpu", "ephemeral-storage", "hugepages-1Gi", "hugepages-2Mi", "memory", "pods"]);
        }

        status["conditions"]!.AsArray().Select(c => c!["message"]?.GetValue<string>()).Should().OnlyContain(m => !string.IsNullOrEmpty(m));
    }

    [Fact]
    public void Every_node_holds_a_lease_in_kube_node_lease_owned_by_the_node()
    {
        var api = NewApi();

        var lease = api.For("coordination.k8s.io", "leases").Get(NodeLeases.Namespace, "zd-node-2");

        lease.GetString("spec", "holderIdentity").Should().Be("zd-node-2");
        lease.GetInt64("spec", "leaseDurationSeconds").Should().Be(40);
        lease.GetString("spec", "renewTime").Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$");
        var owner = lease["metadata"]!["ownerReferences"]![0]!;
        owner["kind"]!.GetValue<string>().Should().Be("Node");
        owner["uid"]!.GetValue<string>().Should().Be(api.Nodes.Get(null, "zd-node-2").Uid());
    }

    [Fact]
    public async Task Leases_are_renewed_while_the_node_exists()
    {
        var api = NewApi();
        var leases = api.For("coordination.k8s.io", "leases");
        var first = leases.Get(NodeLeases.Namespace, "zd-node-1").GetString("metadata", "resourceVersion");
        using var stop = new CancellationTokenSource(Deadlines.StoreChange);

        var renewing = NodeLeases.RunAsync(api, TimeSpan.FromMilliseconds(20), stop.Token);
        while (leases.Get(NodeLeases.Namespace, "zd-node-1").GetString("metadata", "resourceVersion") == first)
        {
            await api.Store.WaitForChangeAsync(api.Store.ResourceVersion, stop.Token);
        }

        await stop.CancelAsync();
        await renewing.ContinueWith(_ => { }, TaskScheduler.Default);
        leases.Get(NodeLeases.Namespace, "zd-node-1").GetString("metadata", "resourceVersion").Should().NotBe(first);
    }

    [Theory]
    [InlineData("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n", "Debian GNU/Linux 12 (bookworm)")]
    [InlineData("PRETTY_NAME='Alpine Linux v3.20'", "Alpine Linux v3.20")]
    [InlineData("PRETTY_NAME=Plain", "Plain")]
    [InlineData("NAME=NoPretty", null)]
    public void Os_image_is_the_pretty_name_of_os_release(string osRelease, string? expected) =>
        HostFacts.PrettyName(osRelease).Should().Be(expected);

    [Theory]
    [InlineData(Architecture.X64, "amd64")]
    [InlineData(Architecture.Arm64, "arm64")]
    [InlineData(Architecture.X86, "386")]
    public void Architectures_use_go_names(Architecture architecture, string expected) =>
        HostFacts.GoArchitecture(architecture).Should().Be(expected);
}
