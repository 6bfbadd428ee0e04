using FluentAssertions;
using ZeroDowntime.LocalCluster.Tests.Support;

namespace ZeroDowntime.LocalCluster.Tests.Security;

/// <summary>
/// A cluster that enforces RBAC, driven by the real kubectl: RBAC objects are resources, <c>kubectl create
/// token</c> works, the token is held to its bindings with kube-apiserver's 403 wording, the admin is not.
/// </summary>
public sealed class KubectlRbacTests : IAsyncLifetime
{
    private const string Role = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: robot, namespace: default}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: default}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get, list, watch]}
        - {apiGroups: [""], resources: [pods/eviction], verbs: [create]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: robot-reads-pods, namespace: default}
        subjects: [{kind: ServiceAccount, name: robot, namespace: default}]
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pod-reader}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"zd-rbac-{Guid.NewGuid():N}");
    private LocalClusterHost _host = null!;

    private string Admin => Path.Combine(_directory, "admin.kubeconfig");

    private string Cache => Path.Combine(_directory, "cache");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _host = await LocalClusterHost.StartAsync(new LocalClusterOptions { Kubelet = null, NodeCount = 1, EnforceRbac = true });
        await _host.WriteKubeconfigAsync(Admin);
        await File.WriteAllTextAsync(Path.Combine(_directory, "role.yaml"), Role);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [KubectlFact]
    public async Task A_created_token_is_held_to_its_role_with_the_apiserver_403_wording_and_the_admin_is_not()
    {
        await OkAsync(Admin, "apply", "-f", Path.Combine(_directory, "role.yaml"));
        var token = (await OkAsync(Admin, "create", "token", "robot", "-n", "default")).Trim();
        token.Should().NotBeEmpty();
        _host.Uri.Scheme.Should().Be("https", "kubectl sends a bearer token only over TLS");

        (await OkAsync(Admin, "get", "rolebindings", "-o", "name")).Should().Contain("rolebinding.rbac.authorization.k8s.io/robot-reads-pods");
        (await Kubectl.RunAsync(Admin, Cache, "--token", token, "get", "pods")).ExitCode.Should().Be(0);

        // Authorization comes before the lookup: the object need not exist.
        var delete = await Kubectl.RunAsync(Admin, Cache, "--token", token, "delete", "deployment", "web");
        delete.ExitCode.Should().NotBe(0);
        delete.Stderr.Trim().Should().Be("Error from server (Forbidden): deployments.apps \"web\" is forbidden: User \"system:serviceaccount:default:robot\" " +
            "cannot delete resource \"deployments\" in API group \"apps\" in the namespace \"default\"");
        var nodes = await Kubectl.RunAsync(Admin, Cache, "--token", token, "get", "nodes");
        nodes.Stderr.Trim().Should().Be("Error from server (Forbidden): nodes is forbidden: User \"system:serviceaccount:default:robot\" " +
            "cannot list resource \"nodes\" in API group \"\" at the cluster scope");
        var otherNamespace = await Kubectl.RunAsync(Admin, Cache, "--token", token, "get", "pods", "-n", "kube-system");
        otherNamespace.Stderr.Should().Contain("cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"");
    }

    [KubectlFact]
    public async Task Removing_the_binding_takes_the_right_away_and_deleting_the_ServiceAccount_voids_its_token()
    {
        await OkAsync(Admin, "apply", "-f", Path.Combine(_directory, "role.yaml"));
        var token = (await OkAsync(Admin, "create", "token", "robot", "-n", "default")).Trim();
        await OkAsync(Admin, "delete", "rolebinding", "robot-reads-pods");

        (await Kubectl.RunAsync(Admin, Cache, "--token", token, "get", "pods")).Stderr.Should().Contain(
            "pods is forbidden: User \"system:serviceaccount:default:robot\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"");

        await OkAsync(Admin, "delete", "serviceaccount", "robot");
        (await Kubectl.RunAsync(Admin, Cache, "--token", token, "get", "pods")).Stderr.Should().Contain("Unauthorized");
        (await Kubectl.RunAsync(Admin, Cache, "--token", "not-a-token", "get", "pods")).Stderr.Should().Contain("Unauthorized");
    }

    [KubectlFact]
    public async Task A_token_request_for_a_missing_ServiceAccount_is_404_and_a_short_lifetime_is_refused()
    {
        (await Kubectl.RunAsync(Admin, Cache, "create", "token", "nobody")).Stderr.Should().Contain("serviceaccounts \"nobody\" not found");
        await OkAsync(Admin, "apply", "-f", Path.Combine(_directory, "role.yaml"));
        (await Kubectl.RunAsync(Admin, Cache, "create", "token", "robot", "--duration", "5m")).Stderr.Should().Contain("may not specify a duration less than 10 minutes");
    }

    [KubectlFact]
    public async Task Kubectl_auth_can_i_answers_from_the_same_rules()
    {
        await OkAsync(Admin, "apply", "-f", Path.Combine(_directory, "role.yaml"));
        var token = (await OkAsync(Admin, "create", "token", "robot", "-n", "default")).Trim();

        async Task<string> CanI(params string[] args) =>
            (await Kubectl.RunAsync(Admin, Cache, ["auth", "can-i", .. args, "--token", token])).Stdout.Trim();

        (await CanI("list", "pods")).Should().Be("yes");
        (await CanI("create", "pods", "--subresource=eviction")).Should().Be("yes");
        (await CanI("get", "pods", "--subresource=log")).Should().Be("no", "a resource does not cover its subresources");
        (await CanI("delete", "pods")).Should().Be("no");
        (await CanI("list", "pods", "-n", "kube-system")).Should().Be("no");
        (await Kubectl.RunAsync(Admin, Cache, "auth", "can-i", "delete", "nodes")).Stdout.Trim().Should().Be("yes", "the admin is unrestricted");
    }

    private async Task<string> OkAsync(string kubeconfig, params string[] args)
    {
        var (code, stdout, stderr) = await Kubectl.RunAsync(kubeconfig, Cache, args);
        code.Should().Be(0, $"kubectl {string.Join(' ', args)} must succeed; it printed: {stderr}");
        return stdout;
    }
}
