using System.Net;
using System.Text;
using FluentAssertions;
using Xunit;
using ZeroDowntime.Kubernetes.Safety;

namespace ZeroDowntime.Kubernetes.Tests.Safety;

public class DisruptionGuardHandlerTests
{
    private const string Server = "https://prod.example:6443";

    // One request of every disruptive kind the scenarios use.
    public static TheoryData<string, string, string> DisruptiveKinds => new()
    {
        { "DELETE", "/api/v1/namespaces/default/pods/ray-worker-abc", "DELETE pod default/ray-worker-abc" },
        { "POST", "/api/v1/namespaces/default/pods/ray-worker-abc/eviction", "evict pod default/ray-worker-abc" },
        { "PATCH", "/api/v1/nodes/ip-10-0-1-5", "PATCH node ip-10-0-1-5" },
        { "PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale", "PATCH deployment default/web (scale)" },
        { "PATCH", "/apis/apps/v1/namespaces/default/deployments/web", "PATCH deployment default/web" },
        { "DELETE", "/api/v1/nodes/ip-10-0-1-5", "DELETE node ip-10-0-1-5" },
        { "DELETE", "/apis/policy/v1/namespaces/default/poddisruptionbudgets/ray-worker-pdb", "DELETE poddisruptionbudget default/ray-worker-pdb" },
        { "POST", "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies", "POST networkpolicy in namespace default" },
        { "DELETE", "/api/v1/namespaces/default/services/ray-serve-nlb", "DELETE service default/ray-serve-nlb" },
    };

    [Theory]
    [MemberData(nameof(DisruptiveKinds))]
    public async Task A_closed_gate_sends_nothing_and_names_the_request_and_the_setting(string method, string path, string operation)
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new DisruptionGuardHandler(DisruptionGate.ForContext("prod-eks", null), recorder));
        using var request = new HttpRequestMessage(new HttpMethod(method), Server + path)
        {
            Content = new StringContent("{\"spec\":{\"unschedulable\":true}}", Encoding.UTF8, "application/merge-patch+json"),
        };

        var send = () => client.SendAsync(request);

        var thrown = await send.Should().ThrowAsync<DisruptionNotAllowedException>();
        thrown.WithMessage(
            $"Refusing to {operation} on context 'prod-eks': disruptive steps run only when " +
            "ZD_ALLOW_DISRUPTION equals the context name (it is not set).");
        thrown.Which.Operation.Should().Be(operation);
        recorder.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task The_message_for_a_delete_reads_as_specified()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new DisruptionGuardHandler(DisruptionGate.ForContext("prod-eks", "staging-eks"), recorder));

        var delete = () => client.DeleteAsync(Server + "/api/v1/namespaces/default/pods/ray-worker-abc");

        await delete.Should().ThrowAsync<DisruptionNotAllowedException>().WithMessage(
            "Refusing to DELETE pod default/ray-worker-abc on context 'prod-eks': disruptive steps run only when " +
            "ZD_ALLOW_DISRUPTION equals the context name (it is set to a different value).");
        recorder.Received.Should().BeEmpty();
    }

    [Fact]
    public void The_synchronous_send_path_is_guarded_too()
    {
        var recorder = new RecordingHandler();
        using var invoker = new HttpMessageInvoker(new DisruptionGuardHandler(DisruptionGate.ForContext("prod-eks", null), recorder));
        using var request = new HttpRequestMessage(HttpMethod.Delete, Server + "/api/v1/nodes/n1");

        invoker.Invoking(i => i.Send(request, CancellationToken.None)).Should().Throw<DisruptionNotAllowedException>();
        recorder.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task A_closed_gate_lets_reads_and_the_suites_own_cleanup_through()
    {
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new DisruptionGuardHandler(DisruptionGate.ForContext("prod-eks", null), recorder));

        (await client.GetAsync(Server + "/api/v1/namespaces/default/pods?labelSelector=app%3Dredis")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(Server + "/api/v1/namespaces/default/pods?watch=true")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync(Server + "/apis/batch/v1/namespaces/default/jobs", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync(Server + "/apis/batch/v1/namespaces/default/jobs/zd-k6")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.DeleteAsync(Server + "/api/v1/namespaces/default/configmaps/zd-k6-script")).StatusCode.Should().Be(HttpStatusCode.OK);

        recorder.Received.Should().Equal(
            "GET /api/v1/namespaces/default/pods?labelSelector=app%3Dredis",
            "GET /api/v1/namespaces/default/pods?watch=true",
            "POST /apis/batch/v1/namespaces/default/jobs",
            "DELETE /apis/batch/v1/namespaces/default/jobs/zd-k6",
            "DELETE /api/v1/namespaces/default/configmaps/zd-k6-script");
    }

    [Theory]
    [MemberData(nameof(DisruptiveKinds))]
    public async Task An_exact_match_lets_every_disruptive_kind_through(string method, string path, string operation)
    {
        _ = operation;
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new DisruptionGuardHandler(DisruptionGate.ForContext("prod-eks", "prod-eks"), recorder));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Server + path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        recorder.Received.Should().Equal($"{method} {path}");
    }

    [Theory]
    [MemberData(nameof(DisruptiveKinds))]
    public async Task The_embedded_cluster_lets_every_disruptive_kind_through(string method, string path, string operation)
    {
        _ = operation;
        var recorder = new RecordingHandler();
        using var client = new HttpClient(new DisruptionGuardHandler(DisruptionGate.ForEmbeddedCluster(), recorder));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "http://127.0.0.1:6443" + path));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        recorder.Received.Should().ContainSingle();
    }
}
