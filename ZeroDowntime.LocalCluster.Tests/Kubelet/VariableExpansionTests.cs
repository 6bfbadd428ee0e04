using FluentAssertions;
using ZeroDowntime.LocalCluster.Kubelet;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class VariableExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["POD_IP"] = "127.10.0.7", ["EMPTY"] = "" };

    [Theory]
    [InlineData("--host $(POD_IP)", "--host 127.10.0.7")]
    [InlineData("$(POD_IP):$(POD_IP)", "127.10.0.7:127.10.0.7")]
    [InlineData("$(UNDEFINED) stays", "$(UNDEFINED) stays")]
    [InlineData("$$(POD_IP) is escaped", "$(POD_IP) is escaped")]
    [InlineData("cost: $$5", "cost: $5")]
    [InlineData("lone $ and $x", "lone $ and $x")]
    [InlineData("unterminated $(POD_IP", "unterminated $(POD_IP")]
    [InlineData("empty [$(EMPTY)]", "empty []")]
    [InlineData("trailing $", "trailing $")]
    public void Expands_like_Kubernetes(string input, string expected) =>
        VariableExpansion.Expand(input, k => Vars.GetValueOrDefault(k)).Should().Be(expected);
}
