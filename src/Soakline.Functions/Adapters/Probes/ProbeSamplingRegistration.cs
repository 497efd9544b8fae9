using Microsoft.Extensions.DependencyInjection;
using Soakline.Integrations.Metrics.Probes;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters.Probes;

/// <summary>
/// Feeds the <c>probe</c> metrics from the health checks: wraps the registered health probe and traffic router (see
/// <see cref="SamplingHealthProbe"/> and <see cref="ReleaseTrackingRouter"/>). Without this nothing records probe
/// samples, every probe reading is "no data", and no canary analysed on the built-in metrics could ever pass.
/// </summary>
internal static class ProbeSamplingRegistration
{
    public static void AddProbeSamplesFromHealthChecks(this IServiceCollection services)
    {
        services.AddSingleton<ServedReleases>();
        Decorate<IHealthProbe>(services, (sp, inner) => new SamplingHealthProbe(
            inner, sp.GetRequiredService<ProbeSampleStore>(), sp.GetRequiredService<ServedReleases>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        Decorate<ITrafficRouter>(services, (sp, inner) => new ReleaseTrackingRouter(inner, sp.GetRequiredService<ServedReleases>()));
    }

    /// <summary>Replaces the last registration of <typeparamref name="T"/> by a singleton wrapping it.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> wrap)
        where T : class
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        if (registered is null)
        {
            return;
        }

        services.Remove(registered);
        services.AddSingleton(sp => wrap(sp, (T)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}
