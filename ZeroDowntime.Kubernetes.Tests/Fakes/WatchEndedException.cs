namespace ZeroDowntime.Kubernetes.Tests.Fakes;

/// <summary>Thrown by <see cref="WatchReader{T}.TakeAsync"/> when the watch ended; a failure of the watch is the inner exception.</summary>
public sealed class WatchEndedException(string message, Exception? failure) : Exception(message, failure);
