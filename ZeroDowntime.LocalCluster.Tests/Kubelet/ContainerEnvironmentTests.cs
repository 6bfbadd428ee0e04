using FluentAssertions;
using ZeroDowntime.LocalCluster.Cluster;
using ZeroDowntime.LocalCluster.Tests.Support;
using Xunit;

namespace ZeroDowntime.LocalCluster.Tests.Kubelet;

public sealed class ContainerEnvironmentTests
{
    private const string Service = """
        apiVersion: v1
        kind: Service
        metadata: { name: my-db, namespace: default }
        spec:
          selector: { app: db }
          ports:
            - { name: client-port, port: 5432, targetPort: 5432 }
            - { name: admin, port: 9000 }
        """;

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: { name: env-check, namespace: default, labels: { app: shell, tier: test } }
        spec:
          nodeName: zd-node-2
          containers:
            - name: shell
              image: busybox:1.36
              command: ["sh", "-c"]
              args: ["env; echo 'ARG=$(GREETING)|$$(KEEP)|$(UNDEFINED_VAR)'; sleep 100"]
              env:
                - { name: GREETING, value: "hello $(MY_DB_SERVICE_HOST):$(MY_DB_SERVICE_PORT_CLIENT_PORT)" }
                - { name: POD_NAME, valueFrom: { fieldRef: { fieldPath: metadata.name } } }
                - { name: POD_NAMESPACE, valueFrom: { fieldRef: { fieldPath: metadata.namespace } } }
                - { name: POD_UID, valueFrom: { fieldRef: { fieldPath: metadata.uid } } }
                - { name: POD_IP, valueFrom: { fieldRef: { fieldPath: status.podIP } } }
                - { name: HOST_IP, valueFrom: { fieldRef: { fieldPath: status.hostIP } } }
                - { name: NODE, valueFrom: { fieldRef: { fieldPath: spec.nodeName } } }
                - { name: TIER, valueFrom: { fieldRef: { fieldPath: "metadata.labels['tier']" } } }
              resources:
                requests: { cpu: 100m, memory: 64Mi }
        """;

    [Fact]
    public async Task Env_has_field_refs_service_variables_and_expanded_args_but_nothing_else_from_the_host()
    {
        Environment.SetEnvironmentVariable("ZD_HOST_ONLY_SECRET", "must-not-leak");
        await using var cluster = await ProcessCluster.StartAsync();
        var service = cluster.Apply(Service);
        var clusterIp = service.GetString("spec", "clusterIP")!;
        cluster.Apply(Pod);

        var output = await cluster.WaitForLogAsync("env-check", "shell", "ARG=");
        var pod = cluster.Api.Pods.Get("default", "env-check");

        clusterIp.Should().StartWith("127.20.");
        var env = output.Split('\n').Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
        env.Should().Contain("POD_NAME", "env-check").And.Contain("POD_NAMESPACE", "default").And.Contain("POD_UID", pod.Uid())
            .And.Contain("POD_IP", pod.GetString("status", "podIP")!).And.Contain("HOST_IP", "127.0.0.1").And.Contain("NODE", "zd-node-2")
            .And.Contain("TIER", "test").And.Contain("HOSTNAME", "env-check");
        env.Should().Contain("MY_DB_SERVICE_HOST", clusterIp).And.Contain("MY_DB_SERVICE_PORT", "5432")
            .And.Contain("MY_DB_SERVICE_PORT_CLIENT_PORT", "5432").And.Contain("MY_DB_SERVICE_PORT_ADMIN", "9000")
            .And.Contain("MY_DB_PORT", $"tcp://{clusterIp}:5432").And.Contain("MY_DB_PORT_9000_TCP_ADDR", clusterIp);
        env.Should().Contain("GREETING", $"hello {clusterIp}:5432");
        env.Should().NotContainKey("ZD_HOST_ONLY_SECRET");
        output.Should().Contain($"ARG=hello {clusterIp}:5432|$(KEEP)|$(UNDEFINED_VAR)");
        var status = pod.GetNode("status", "containerStatuses")!.AsArray()[0]!.AsObject();
        status.GetString("resources", "requests", "memory").Should().Be("64Mi");
        pod.GetString("status", "qosClass").Should().Be("Burstable");
    }
}
