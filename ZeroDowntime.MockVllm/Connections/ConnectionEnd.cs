namespace ZeroDowntime.MockVllm.Connections;

/// <summary>Why a client connection ended.</summary>
public enum ConnectionEnd
{
    /// <summary>Still open when the traffic stopped: the connection lasted.</summary>
    Lasting,

    /// <summary>The server closed it (a FIN): lost.</summary>
    Closed,

    /// <summary>It was reset or broke (an RST, a failed send): lost.</summary>
    Reset,

    /// <summary>An answer did not come within the read deadline; the client gave the connection up: lost.</summary>
    Timeout,

    /// <summary>It never got established: refused, reset or silent before the greeting, within the connect timeout.</summary>
    ConnectFailed,
}
