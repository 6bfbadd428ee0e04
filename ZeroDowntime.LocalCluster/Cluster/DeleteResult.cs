using System.Text.Json.Nodes;

namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>The outcome of a delete.</summary>
/// <param name="Object">The object: its final state when removed, else its state with deletionTimestamp set.</param>
/// <param name="Removed">True when the object is gone; false when graceful termination or finalizers keep it.</param>
public sealed record DeleteResult(JsonObject Object, bool Removed);
