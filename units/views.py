from django.http import HttpResponse


def tree(request, pk=None):
    return HttpResponse("units")
