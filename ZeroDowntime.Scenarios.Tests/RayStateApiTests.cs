using FluentAssertions;
using Xunit;
using ZeroDowntime.Fixtures.Cluster;

namespace ZeroDowntime.Scenarios.Tests;

public sealed class RayStateApiTests
{
    // The envelope of Ray's dashboard state API (`ray list nodes`, /api/v0/nodes), as docs/mock-vllm.md shows it.
    private const string Nodes = """
        {"result": true, "msg": "", "data": {"result": {"total": 2, "num_after_truncation": 2, "num_filtered": 2,
          "result": [
            {"node_id": "aa", "node_ip": "127.0.1.2", "is_head_node": true, "state": "ALIVE", "node_name": "ray-head-1", "start_time_ms": 1700000000000},
            {"node_id": "bb", "node_ip": "127.0.1.5", "is_head_node": false, "state": "DEAD", "node_name": "ray-worker-0", "start_time_ms": 1700000000500}
          ], "partial_failure_warning": "", "warnings": null}}}
        """;

    [Fact]
    public void Node_list_is_read_from_Rays_envelope() =>
        RayStateApi.Parse(Nodes).Should().Equal(
            new RayNode("aa", "ray-head-1", "127.0.1.2", true, "ALIVE", 1700000000000),
            new RayNode("bb", "ray-worker-0", "127.0.1.5", false, "DEAD", 1700000000500));
}
