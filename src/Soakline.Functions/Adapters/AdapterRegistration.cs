using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Soakline.Integrations.Deploy.Artifacts;
using Soakline.Integrations.Deploy.Local;
using Soakline.Integrations.Deploy.Ssh;
using Soakline.Integrations.GitHub;
using Soakline.Integrations.Health;
using Soakline.Integrations.LocalGit;
using Soakline.Integrations.Metrics;
using Soakline.Integrations.Metrics.AzureMonitor;
using Soakline.Integrations.Metrics.Prometheus;
using Soakline.Integrations.Notifications;
using Soakline.Integrations.Notifications.Chat;
using Soakline.Integrations.Notifications.Mail;
using Soakline.Integrations.Traffic;
using Soakline.Integrations.Traffic.Nginx;
using Soakline.Functions.Adapters.Probes;
using Soakline.Functions.Observability;
using Soakline.Pipeline.Ports;

namespace Soakline.Functions.Adapters;

/// <summary>
/// Registers the adapters behind the pipeline's ports from the <c>Soakline</c> configuration section, each one only
/// when its settings are present: GitHub (token or App), local git clones, the SSH or local deploy target, the host-subset or nginx
/// router, the HTTP health probe, metrics (built-in probe always; Azure Monitor, Prometheus), approval mail and chat;
/// secrets from <c>Soakline__Secrets__*</c> and the monitor's endpoint inspector always.
/// A section that is present but invalid is reported at start with the others, naming the setting.
/// </summary>
internal static class AdapterRegistration
{
    /// <returns>Where problems found while registering are collected (reported at start).</returns>
    public static AdapterProblems AddSoaklineAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new AdapterProblems();
        services.AddSingleton(problems);
        var soakline = configuration.GetSection("Soakline");

        Try(problems, "Soakline__GitHub", () => AddGitHub(services, soakline.GetSection("GitHub")));
        Try(problems, "Soakline__LocalGit", () => AddLocalGit(services, soakline.GetSection("LocalGit"), problems));
        services.AddHttpClient(nameof(HttpHealthProbe));
        services.TryAddSingleton<IHealthProbe>(sp => new HttpHealthProbe(sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(HttpHealthProbe)), sp.GetRequiredService<TimeProvider>()));
        Try(problems, "Soakline__Ssh", () => AddDeployTarget(services, soakline));
        Try(problems, "Soakline__Nginx", () => AddRouter(services, soakline.GetSection("Nginx")));
        Try(problems, "Soakline__Metrics", () => AddMetrics(services, soakline));
        Try(problems, "Soakline__Smtp", () => AddApprovalMail(services, soakline));
        Try(problems, "Soakline__Chat", () => AddChat(services, soakline.GetSection("Chat")));
        services.TryAddSingleton<ISecretResolver>(new ConfigurationSecretResolver(configuration));
        services.TryAddSingleton<IEndpointInspector, NetworkEndpointInspector>();
        services.AddProbeSamplesFromHealthChecks();
        if (!services.Any(d => d.ServiceType == typeof(ISourceControl)))
        {
            // Registered so that everything resolves; StartupSettingsCheck refuses to start with it (see there why).
            services.AddSingleton<ISourceControl, UnconfiguredSourceControl>();
        }

        return problems;
    }

    private static void Try(AdapterProblems problems, string section, Action register)
    {
        try
        {
            register();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The adapters' messages name their setting ("GitHub:AppId ...") and never a secret's value.
            problems.Add($"{section}: {ex.Message}");
        }
    }

    private static void AddGitHub(IServiceCollection services, IConfigurationSection section)
    {
        if (section["Token"] is null && section["AppId"] is null)
        {
            return;
        }

        var settings = new GitHubSettings();
        section.Bind(settings);

        // The Bicep and Key Vault name the App key "PrivateKey".
        settings.PrivateKeyPem ??= section["PrivateKey"];
        services.AddSoaklineGitHub(settings);
    }

    /// <summary>
    /// <c>Soakline__LocalGit__Repositories__owner/name</c> = the path of a clone makes that repository fully local: its
    /// spec, diffs, commit statuses, deployment records and artifacts come from the clone (LocalGit adapter), and
    /// releases of its commits start through <c>POST /api/releases</c>. With GitHub configured too, every other
    /// repository stays on GitHub.
    /// </summary>
    private static void AddLocalGit(IServiceCollection services, IConfigurationSection section, AdapterProblems problems)
    {
        if (!section.GetSection("Repositories").GetChildren().Any())
        {
            return;
        }

        var options = new LocalGitArtifactOptions();
        section.Bind(options);
        var clones = new LocalGitClones(options);
        foreach (var problem in clones.Problems())
        {
            problems.Add(problem);
        }

        services.AddSingleton(clones);
        services.AddSingleton(new LocalGitCommits(clones));
        ServeLocally<ISourceControl>(services, sp => new LocalGitSourceControl(clones, sp.GetService<TimeProvider>() ?? TimeProvider.System), (local, remote) => new LocalFirstSourceControl(clones, local, remote));
        ServeLocally<IArtifactSource>(services, _ => new GitArchiveArtifactSource(options), (local, remote) => new LocalFirstArtifactSource(clones, local, remote));
    }

    /// <summary>The local adapter for the clones' repositories, in front of the one registered before (GitHub's), if any.</summary>
    private static void ServeLocally<TPort>(IServiceCollection services, Func<IServiceProvider, TPort> local, Func<TPort, TPort, TPort> inFrontOf)
        where TPort : class
    {
        var remote = services.LastOrDefault(d => d.ServiceType == typeof(TPort) && !d.IsKeyedService);
        services.RemoveAll<TPort>();
        services.AddSingleton(remote is null ? local : sp => inFrontOf(local(sp), (TPort)InstanceOf(sp, remote)));
    }

    private static object InstanceOf(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    private static void AddDeployTarget(IServiceCollection services, IConfigurationSection soakline)
    {
        var ssh = soakline.GetSection("Ssh");
        var local = soakline.GetSection("Local");
        if (ssh.GetSection("Hosts").GetChildren().Any())
        {
            var options = new SshTargetOptions();
            ssh.Bind(options);
            services.AddSingleton(options);
            DeployHostAddresses.UseForHealthChecks(services, options.Hosts.Where(h => !string.IsNullOrWhiteSpace(h.Value.Address)).ToDictionary(h => h.Key, h => h.Value.Address, StringComparer.Ordinal));
            services.AddSingleton(_ => new SshHostShellFactory(options));
            services.AddSingleton<IDeployTarget>(sp => new TracingDeployTarget(new SshDeployTarget(sp.GetRequiredService<SshHostShellFactory>(), options, sp.GetRequiredService<IHealthProbe>(), sp.GetService<ILogger<SshDeployTarget>>())));
            services.AddSingleton<Integrations.Deploy.Shell.IHostShellFactory>(sp => sp.GetRequiredService<SshHostShellFactory>());
        }
        else if (local.GetSection("Hosts").GetChildren().Any())
        {
            var options = new LocalTargetOptions();
            local.Bind(options);
            services.AddSingleton(options);
            DeployHostAddresses.UseForHealthChecks(services, options.Hosts.ToDictionary(h => h.Key, h => h.Value.Address, StringComparer.Ordinal));
            services.AddSingleton<IDeployTarget>(sp => new TracingDeployTarget(new LocalDeployTarget(options, sp.GetRequiredService<IHealthProbe>(), sp.GetService<ILogger<LocalDeployTarget>>())));
            services.AddSingleton<Integrations.Deploy.Shell.IHostShellFactory>(_ => new LocalHostShellFactory(options));
        }
    }

    private static void AddRouter(IServiceCollection services, IConfigurationSection nginx)
    {
        if (nginx["NginxHost"] is null)
        {
            services.TryAddSingleton<ITrafficRouter>(sp => new HostSubsetRouter(sp.GetRequiredService<IDeployTarget>()));
            return;
        }

        var options = new NginxRouterOptions();
        nginx.Bind(options);
        services.AddSingleton<ITrafficRouter>(sp => new NginxWeightsRouter(sp.GetRequiredService<Integrations.Deploy.Shell.IHostShellFactory>(), sp.GetRequiredService<IDeployTarget>(), options));
    }

    private static void AddMetrics(IServiceCollection services, IConfigurationSection soakline)
    {
        services.AddSoaklineProbeMetrics(TimeSpan.FromSeconds(5));
        var azureMonitor = soakline.GetSection("AzureMonitor");
        if (azureMonitor["WorkspaceId"] is not null)
        {
            var settings = new LogAnalyticsSettings();
            azureMonitor.Bind(settings);
            services.AddSoaklineAzureMonitorMetrics(settings);
        }

        var prometheus = soakline.GetSection("Prometheus");
        if (prometheus["BaseUrl"] is not null)
        {
            var settings = new PrometheusSettings();
            prometheus.Bind(settings);
            services.AddSoaklinePrometheusMetrics(settings);
        }
    }

    private static void AddApprovalMail(IServiceCollection services, IConfigurationSection soakline)
    {
        var smtp = soakline.GetSection("Smtp");
        if (smtp["Host"] is null)
        {
            return;
        }

        var smtpSettings = new SmtpSettings();
        smtp.Bind(smtpSettings);
        var mail = new ApprovalMailSettings();
        soakline.GetSection("ApprovalMail").Bind(mail);
        services.AddSoaklineApprovalMail(smtpSettings, mail);
    }

    private static void AddChat(IServiceCollection services, IConfigurationSection chat)
    {
        var routes = new List<ChatRouteSettings>();
        chat.GetSection("Routes").Bind(routes);
        services.AddSoaklineChat(routes);
    }
}
