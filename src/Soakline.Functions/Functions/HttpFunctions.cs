using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Soakline.Functions.Functions;

/// <summary>
/// The HTTP functions (Azure mode), with the names, routes, methods and auth levels the custom handler had. Each one
/// tells the Functions host what to route to it and which key it wants, then hands the request to the app's own
/// endpoints (<see cref="EndpointDispatcher"/>), so both modes share every check and answer. Instances are created per
/// invocation from the invocation's service scope, the scope the endpoint handlers resolve from, so the client put into
/// <see cref="DurableClientScope"/> here is the one they get.
/// </summary>
internal sealed class HttpFunctions(EndpointDispatcher dispatcher, DurableClientScope durable)
{
    public const string HealthRoute = "healthz";
    public const string WebhookRoute = "api/github/webhook";
    public const string ApprovalsRoute = "approvals/{token}";
    public const string PipelinesRoute = "api/pipelines/{*path}";
    public const string EnvironmentsRoute = "api/environments/{*path}";
    public const string MetricsRoute = "api/metrics/{*path}";
    public const string DashboardRoute = "dashboard/{*path}";

    [Function("Healthz")]
    public IResult Healthz([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = HealthRoute)] HttpRequest req)
        => dispatcher.Dispatch();

    [Function("GitHubWebhook")]
    public IResult GitHubWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = WebhookRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    [Function("Approvals")]
    public IResult Approvals(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = ApprovalsRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    [Function("PipelinesApi")]
    public IResult PipelinesApi(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = PipelinesRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    [Function("EnvironmentsApi")]
    public IResult EnvironmentsApi(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = EnvironmentsRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    [Function("MetricsApi")]
    public IResult MetricsApi(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = MetricsRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    [Function("Dashboard")]
    public IResult Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", "post", Route = DashboardRoute)] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => Dispatch(client);

    private IResult Dispatch(DurableTaskClient client)
    {
        durable.Use(client);
        return dispatcher.Dispatch();
    }
}
