namespace ZeroDowntime.Garnet;

/// <summary>A redis-server argument the stand-in cannot honour; the message is one sentence naming it.</summary>
internal sealed class RedisArgumentException(string message) : Exception(message);
