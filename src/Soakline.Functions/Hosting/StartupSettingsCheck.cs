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
        IReadOnlyList<string> adapterProblems = [.. adapters.All, .. SourceControlProblems(), .. MailProblems(), .. EngineSettingsCheck.Problems(services)];
        LogWarnings(adapters.Warnings);
        try
        {
            var settings = services.GetRequiredService<AppSettings>();
            LogWarnings(settings.Warnings);
            WarnAboutApprovalsWithoutMail(settings);
            WarnAboutRepositoriesWithoutSource(settings);
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
    /// No source control at all refuses the start rather than warning. Without one the app could show the dashboard and
    /// the history it already has, but it would also acknowledge every push (202 started) and then fail each pipeline
    /// at loading-spec: an app that accepts work it can never do looks healthy while deploying nothing, which is worse
    /// than not starting. What it could still serve (the history, the dashboard) is not worth that, and the refusal
    /// names both ways to fix it, a minute's work. Decided on the service the app will really use, so a host that
    /// supplies its own adapter in code starts.
    /// </summary>
    private IEnumerable<string> SourceControlProblems()
    {
        if (services.GetService<ISourceControl>() is UnconfiguredSourceControl)
        {
            yield return $"Source control: {UnconfiguredSourceControl.Reason}";
        }
    }

    /// <summary>
    /// Approval mail settings without an SMTP server were meant to send mail and cannot: refused, as a half-written
    /// GitHub App is, rather than starting without the mail the operator expects approvers to get.
    /// </summary>
    private IEnumerable<string> MailProblems()
    {
        var soakline = services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>().GetSection("Soakline");
        var mail = soakline.GetSection("ApprovalMail").GetChildren().Where(c => !string.IsNullOrWhiteSpace(c.Value)).Select(c => $"Soakline__ApprovalMail__{c.Key}").ToList();
        if (mail.Count > 0 && string.IsNullOrWhiteSpace(soakline["Smtp:Host"]))
        {
            yield return $"Soakline__Smtp__Host: approval mail is configured ({string.Join(", ", mail)}) but no SMTP server, so no approval mail could be sent; set Soakline__Smtp__Host (and __Port, __FromAddress, credentials) or remove the approval mail settings";
        }
    }

    /// <summary>
    /// A repository the policy serves but nothing can read (no clone and no GitHub), or a clone of a repository the policy
    /// does not serve: the app still serves the others, so these are warnings, each naming what to set.
    /// </summary>
    private void WarnAboutRepositoriesWithoutSource(AppSettings settings)
    {
        var clones = services.GetService<Integrations.LocalGit.LocalGitClones>();
        if (clones is null)
        {
            return;
        }

        var onGitHub = services.GetService<Integrations.GitHub.GitHubSettings>() is not null;
        foreach (var repository in settings.Policy.Repositories.Where(r => !onGitHub && !clones.Serves(r)))
        {
            logger.LogWarning(
                "Settings: {Repository} is served by the protection policy but has no local clone ({Setting}) and GitHub is not configured; its pipelines end SpecUnavailable",
                repository.FullName, Integrations.LocalGit.LocalGitClones.SettingName(repository.FullName));
        }

        foreach (var name in clones.Names.Where(n => !settings.Policy.Repositories.Any(r => string.Equals(r.FullName, n, StringComparison.OrdinalIgnoreCase))))
        {
            logger.LogWarning(
                "Settings: {Setting} names a clone of {Repository}, which {PolicySetting} does not list; its releases are refused until it does",
                Integrations.LocalGit.LocalGitClones.SettingName(name), name, SettingNames.PolicyRepositories);
        }
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
