namespace ZeroDowntime.LocalCluster.Cluster;

/// <summary>
/// A mutating/validating step run on every create and update (HTTP or in-process) before the
/// object is stored, inside the store's lock: keep it fast and never block. Throw an
/// <see cref="Storage.ApiException"/> (e.g. <see cref="Storage.ApiException.Invalid"/>) to reject.
/// </summary>
/// <example><code>
/// sealed class DeploymentDefaults : IAdmissionHook
/// {
///     public void Admit(AdmissionContext r)
///     {
///         if (r.Resource.Kind == "Deployment") r.Object.Ensure("spec")["paused"] ??= false;
///     }
/// }
/// </code></example>
public interface IAdmissionHook
{
    /// <summary>Inspects and may mutate <see cref="AdmissionContext.Object"/>.</summary>
    void Admit(AdmissionContext request);
}
