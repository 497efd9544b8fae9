using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Soakline.Functions.Adapters;
using Soakline.Functions.Configuration;
using Soakline.Functions.Engine;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Hosting;

/// <summary>
/// Reads and validates every setting once: logs the warnings (names only, each once) and throws
/// <see cref="AppSettingsException"/> listing every bad setting. The entry points run it before the host starts, so a
/// configuration that cannot work prints only its list of problems, not the host's "failed to start" stack trace.
/// </summary>
internal sealed class StartupSettingsCheck(IServiceProvider services, ILogger<StartupSettingsCheck> logger)
{
    private bool _passed;

    public void Run()
    {
        if (_passed)
        {
            return;
        }

        var adapters = services.GetRequiredService<AdapterProblems>();
        IReadOnlyList<string> adapterProblems = [.. adapters.All, .. EngineSettingsCheck.Problems(services)];
        LogWarnings(adapters.Warnings);
        try
        {
            var settings = services.GetRequiredService<AppSettings>();
            LogWarnings(settings.Warnings);
            WarnAboutApprovalsWithoutMail(settings);
        }
        catch (AppSettingsException ex)
        {
            LogWarnings(ex.Warnings);
            throw new AppSettingsException([.. ex.Problems, .. adapterProblems]);
        }

        if (adapterProblems.Count > 0)
        {
            throw new AppSettingsException(adapterProblems);
        }

        _passed = true;
    }

    /// <summary>
    /// Staging still deploys without mail, so the app serves; but a release that must be approved fails when it asks
    /// for the approval, which the operator should hear at start rather than at the first production push.
    /// </summary>
    private void WarnAboutApprovalsWithoutMail(AppSettings settings)
    {
        var approving = settings.Policy.Environments.Where(e => e.ApprovalRequired).Select(e => e.Name).ToList();
        if (approving.Count > 0 && services.GetService<IApprovalNotifier>() is null)
        {
            logger.LogWarning(
                "Settings: the protection policy requires approval for {Environments}, but no approval mail is configured (Soakline__Smtp__Host and Soakline__ApprovalMail__*); releases there fail when they ask for approval",
                string.Join(", ", approving));
        }
    }

    private void LogWarnings(IReadOnlyList<string> warnings)
    {
        foreach (var warning in warnings)
        {
            logger.LogWarning("Settings: {Warning}", warning);
        }
    }
}
