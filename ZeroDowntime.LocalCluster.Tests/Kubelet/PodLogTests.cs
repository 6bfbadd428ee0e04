using System.Net;
using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class PodLogTests
{
    private const string Counter = """
        apiVersion: v1
        kind: Pod
        metadata: { name: counter, namespace: default }
        spec:
          nodeName: zd-node-1
          restartPolicy: Never
          containers:
            - name: main
              image: busybox
              command: ["sh", "-c", "for i in 1 2 3; do echo line $i; done; echo to-stderr >&2; sleep 2; echo late; exit 0"]
        """;

    [Fact]
    public async Task Logs_are_served_with_tailLines_and_timestamps()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(Counter);
        await cluster.WaitForLogAsync("counter", "main", "to-stderr");
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };

        var all = await http.GetStringAsync("api/v1/namespaces/default/pods/counter/log");
        var tail = await http.GetStringAsync("api/v1/namespaces/default/pods/counter/log?tailLines=2");
        var stamped = await http.GetStringAsync("api/v1/namespaces/default/pods/counter/log?tailLines=1&timestamps=true");

        all.Should().StartWith("line 1\nline 2\nline 3\n").And.Contain("to-stderr\n");
        tail.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2).And.Contain("to-stderr");
        stamped.Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z \S");
    }

    [Fact]
    public async Task Follow_streams_new_lines_until_the_container_exits()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply(Counter);
        await cluster.WaitForLogAsync("counter", "main", "line 1");
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri, Timeout = Timeouts.StatusChange };

        // The request completes only when the container exits, and "late" is printed after it was opened.
        var body = await http.GetStringAsync("api/v1/namespaces/default/pods/counter/log?follow=true");

        body.Should().StartWith("line 1\n").And.EndWith("late\n");
    }

    [Fact]
    public async Task A_missing_container_name_on_a_two_container_pod_is_a_400_that_lists_them()
    {
        await using var cluster = await ProcessCluster.StartAsync();
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: two, namespace: default }
            spec:
              nodeName: zd-node-1
              containers:
                - { name: a, image: busybox, command: ["sleep", "100"] }
                - { name: b, image: busybox, command: ["sh", "-c", "echo from-b; sleep 100"] }
            """);
        await cluster.WaitForLogAsync("two", "b", "from-b");
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };

        var response = await http.GetAsync("api/v1/namespaces/default/pods/two/log");
        var b = await http.GetStringAsync("api/v1/namespaces/default/pods/two/log?container=b");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("a container name must be specified for pod two, choose one of: [a b]");
        b.Should().Be("from-b\n");
    }

    [Fact]
    public async Task Previous_returns_the_output_of_the_container_before_its_restart()
    {
        await using var cluster = await ProcessCluster.StartAsync(k => k.CrashLoopBackoffBase = TimeSpan.FromSeconds(30));
        cluster.Apply("""
            apiVersion: v1
            kind: Pod
            metadata: { name: restarter, namespace: default }
            spec:
              nodeName: zd-node-1
              containers: [{ name: main, image: busybox, command: ["sh", "-c", "echo run-$$$$; exit 1"] }]
            """);
        await cluster.WaitForPodAsync("restarter", p => p.GetNode("status", "containerStatuses")?.AsArray()[0]?["restartCount"]?.GetValue<int>() >= 1,
            Timeouts.StatusChange, "to restart once");
        var current = await cluster.WaitForLogAsync("restarter", "main", "run-");
        using var http = new HttpClient { BaseAddress = cluster.Host.Uri };

        var previous = await http.GetStringAsync("api/v1/namespaces/default/pods/restarter/log?previous=true");

        previous.Should().StartWith("run-").And.NotBe(current + "\n", "each run prints its own pid");
    }
}
