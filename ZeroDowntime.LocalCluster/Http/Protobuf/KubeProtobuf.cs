using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Http.Protobuf;

/// <summary>
/// Request bodies in <c>application/vnd.kubernetes.protobuf</c>, which kubectl's typed clients send on
/// create: the <c>k8s\0</c> magic, a runtime.Unknown envelope naming apiVersion and kind, and the object.
/// Only the kinds listed in <see cref="Kinds"/> are decoded (autoscaling/v1 HorizontalPodAutoscaler,
/// what <c>kubectl autoscale</c> sends; authentication.k8s.io/v1 TokenRequest, <c>kubectl create token</c>); any other is refused with 415, and the client can resend JSON.
/// </summary>
internal static class KubeProtobuf
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    private static readonly ProtoMessage OwnerReference = new(
        new ProtoField(1, "kind", ProtoKind.String),
        new ProtoField(3, "name", ProtoKind.String),
        new ProtoField(4, "uid", ProtoKind.String),
        new ProtoField(5, "apiVersion", ProtoKind.String),
        new ProtoField(6, "controller", ProtoKind.Bool),
        new ProtoField(7, "blockOwnerDeletion", ProtoKind.Bool));

    private static readonly ProtoMessage ObjectMeta = new(
        new ProtoField(1, "name", ProtoKind.String),
        new ProtoField(2, "generateName", ProtoKind.String),
        new ProtoField(3, "namespace", ProtoKind.String),
        new ProtoField(5, "uid", ProtoKind.String),
        new ProtoField(6, "resourceVersion", ProtoKind.String),
        new ProtoField(7, "generation", ProtoKind.Integer),
        new ProtoField(8, "creationTimestamp", ProtoKind.Time),
        new ProtoField(9, "deletionTimestamp", ProtoKind.Time),
        new ProtoField(10, "deletionGracePeriodSeconds", ProtoKind.Integer),
        new ProtoField(11, "labels", ProtoKind.StringMap),
        new ProtoField(12, "annotations", ProtoKind.StringMap),
        new ProtoField(13, "ownerReferences", ProtoKind.Message, OwnerReference, Repeated: true),
        new ProtoField(14, "finalizers", ProtoKind.String, Repeated: true));

    private static readonly ProtoMessage CrossVersionObjectReference = new(
        new ProtoField(1, "kind", ProtoKind.String),
        new ProtoField(2, "name", ProtoKind.String),
        new ProtoField(3, "apiVersion", ProtoKind.String));

    private static readonly ProtoMessage HorizontalPodAutoscalerV1 = new(
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            new ProtoField(1, "scaleTargetRef", ProtoKind.Message, CrossVersionObjectReference),
            new ProtoField(2, "minReplicas", ProtoKind.Integer),
            new ProtoField(3, "maxReplicas", ProtoKind.Integer),
            new ProtoField(4, "targetCPUUtilizationPercentage", ProtoKind.Integer))),
        new ProtoField(3, "status", ProtoKind.Message, new ProtoMessage(
            new ProtoField(1, "observedGeneration", ProtoKind.Integer),
            new ProtoField(2, "lastScaleTime", ProtoKind.Time),
            new ProtoField(3, "currentReplicas", ProtoKind.Integer),
            new ProtoField(4, "desiredReplicas", ProtoKind.Integer),
            new ProtoField(5, "currentCPUUtilizationPercentage", ProtoKind.Integer))));

    // authentication.k8s.io/v1 TokenRequest, what `kubectl create token` sends (spec: audiences = 1, boundObjectRef = 3, expirationSeconds = 4).
    private static readonly ProtoMessage TokenRequestV1 = new(
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            new ProtoField(1, "audiences", ProtoKind.String, Repeated: true),
            new ProtoField(4, "expirationSeconds", ProtoKind.Integer))));

    // authorization.k8s.io/v1 SelfSubjectAccessReview, what `kubectl auth can-i` sends.
    private static readonly ProtoMessage SelfSubjectAccessReviewV1 = new(
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            new ProtoField(1, "resourceAttributes", ProtoKind.Message, new ProtoMessage(
                new ProtoField(1, "namespace", ProtoKind.String),
                new ProtoField(2, "verb", ProtoKind.String),
                new ProtoField(3, "group", ProtoKind.String),
                new ProtoField(4, "version", ProtoKind.String),
                new ProtoField(5, "resource", ProtoKind.String),
                new ProtoField(6, "subresource", ProtoKind.String),
                new ProtoField(7, "name", ProtoKind.String))),
            new ProtoField(2, "nonResourceAttributes", ProtoKind.Message, new ProtoMessage(
                new ProtoField(1, "path", ProtoKind.String),
                new ProtoField(2, "verb", ProtoKind.String))))));

    private static readonly ProtoMessage TypeMeta = new(new ProtoField(1, "apiVersion", ProtoKind.String), new ProtoField(2, "kind", ProtoKind.String));

    private static readonly ProtoMessage Unknown = new(new ProtoField(1, "typeMeta", ProtoKind.Message, TypeMeta));

    /// <summary>The kinds whose protobuf form is decoded, by (apiVersion, kind).</summary>
    public static IReadOnlyDictionary<(string ApiVersion, string Kind), ProtoMessage> Kinds { get; } =
        new Dictionary<(string, string), ProtoMessage>
        {
            [("autoscaling/v1", "HorizontalPodAutoscaler")] = HorizontalPodAutoscalerV1,
            [("authentication.k8s.io/v1", "TokenRequest")] = TokenRequestV1,
            [("authorization.k8s.io/v1", "SelfSubjectAccessReview")] = SelfSubjectAccessReviewV1,
        };

    /// <summary>The object in <paramref name="body"/> as JSON; null when the body is not a protobuf object of a kind listed in <see cref="Kinds"/>.</summary>
    /// <exception cref="FormatException">The body is protobuf of a known kind but malformed.</exception>
    public static JsonObject? TryDecode(ReadOnlySpan<byte> body)
    {
        if (!body.StartsWith(Magic))
        {
            return null;
        }

        var envelope = new ProtoReader(body[Magic.Length..]);
        string? apiVersion = null;
        string? kind = null;
        ReadOnlySpan<byte> raw = default;
        while (!envelope.AtEnd)
        {
            var (number, wireType) = envelope.ReadTag();
            switch (number)
            {
                case 1 when wireType == 2:
                    var typeMeta = TypeMeta.Decode(envelope.ReadLengthDelimited());
                    apiVersion = typeMeta["apiVersion"]?.GetValue<string>();
                    kind = typeMeta["kind"]?.GetValue<string>();
                    break;
                case 2 when wireType == 2:
                    raw = envelope.ReadLengthDelimited();
                    break;
                default:
                    envelope.Skip(wireType);
                    break;
            }
        }

        if (apiVersion is null || kind is null || !Kinds.TryGetValue((apiVersion, kind), out var message))
        {
            return null;
        }

        var obj = message.Decode(raw);
        var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var (key, value) in obj.ToList())
        {
            obj.Remove(key);
            result[key] = value;
        }

        return result;
    }
}
