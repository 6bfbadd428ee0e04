namespace ZeroDowntime.MockVllm.Redis;

/// <summary>A Redis error reply (<c>-ERR ...</c>) or a malformed reply.</summary>
internal sealed class RespException(string message) : Exception(message);
