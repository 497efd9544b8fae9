using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Soakline.Functions.Hosting;
using Soakline.Functions.Observability;

namespace Soakline.Functions.Functions;

/// <summary>
/// Azure mode: runs a request the Functions host delivered to an HTTP function through the app's own endpoints
/// (<see cref="SoaklineEndpoints.MapSoaklineEndpoints"/>), so routing, binding, filters, results and problem details
/// are the standalone ones. The worker's pipeline has already routed the request to the function's endpoint; that
/// endpoint and its route values are cleared so the inner routing matches the app's endpoint for the same path
/// (routing skips matching while an endpoint is set). A path the app does not map answers 404.
/// </summary>
internal sealed class EndpointDispatcher
{
    private readonly RequestDelegate _pipeline;

    public EndpointDispatcher(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseSoaklineProblems();
        app.UseHttpSpanEnricher();
        app.UseBrowserPageHeaders();
        app.UseRouting();
        app.UseEndpoints(endpoints => endpoints.MapSoaklineEndpoints());
        _pipeline = app.Build();
    }

    /// <summary>An <see cref="IResult"/> for the function to return; the ASP.NET Core integration executes it on the request.</summary>
    public IResult Dispatch() => new DispatchResult(_pipeline);

    private sealed class DispatchResult(RequestDelegate pipeline) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            FunctionInvocationMarker.Mark(httpContext);
            httpContext.SetEndpoint(null);
            httpContext.Request.RouteValues.Clear();
            return pipeline(httpContext);
        }
    }
}
