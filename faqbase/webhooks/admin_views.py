"""Admin pages beyond the list and the form: the secret shown once, the deliveries log and the
test event. Each calls a service, which checks the user's rights itself."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views import generic

from faqbase.base.permissions import denied_as_403

from .models import WebhookEndpoint
from .services import (
    WebhookError,
    endpoint_create,
    endpoint_delete,
    endpoint_deliveries,
    endpoint_ping,
    endpoint_update,
)


class EndpointCreateView(generic.CreateView):
    def save_instance(self):
        endpoint, self.secret = endpoint_create(user=self.request.user, **self.form.cleaned_data)
        return endpoint

    def save_action(self):
        """The one page that shows the secret, answered to the POST itself: no later request,
        message or redirect can bring it back."""
        response = TemplateResponse(
            self.request,
            "webhooks/admin/secret.html",
            {"endpoint": self.object, "secret": self.secret, "index_url": self.get_success_url()},
        )
        add_never_cache_headers(response)
        return response


class EndpointEditView(generic.EditView):
    def save_instance(self):
        return endpoint_update(
            user=self.request.user, endpoint=self.form.instance, **self.form.cleaned_data
        )


class EndpointDeleteView(generic.DeleteView):
    def delete_action(self):
        endpoint_delete(user=self.request.user, endpoint=self.object)


@denied_as_403
def endpoint_deliveries_view(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    return TemplateResponse(
        request,
        "webhooks/admin/deliveries.html",
        {
            "endpoint": endpoint,
            "deliveries": endpoint_deliveries(user=request.user, endpoint=endpoint),
        },
    )


@require_POST
@denied_as_403
def endpoint_ping_view(request, pk):
    endpoint = get_object_or_404(WebhookEndpoint, pk=pk)
    try:
        endpoint_ping(user=request.user, endpoint=endpoint)
    except WebhookError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Test event queued: it appears below once the worker has sent it.")
        )
    return redirect("webhooks:deliveries", endpoint.pk)
