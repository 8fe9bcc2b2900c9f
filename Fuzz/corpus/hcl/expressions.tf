locals {
  count      = var.enabled ? 1 : 0
  names      = [for s in var.services : upper(s) if s != ""]
  by_name    = { for k, v in var.models : k => v.arn... }
  ids        = aws_instance.web[*].id
  legacy     = aws_instance.web.*.id
  first      = var.list[0]
  negative   = -1
  sum        = (1 + 2) * 3 % 4
  called     = merge(
    local.tags,
    { Name = "x", "cost-center": 42, (var.key) = "v" },
  )
  expanded   = concat(var.a...)
  compared   = "a" == var.b && !var.c || var.d >= 1.5e3
  indexed    = ["a", "b"][1]
}

resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = var.ports
    content {
      from_port = ingress.value
      to_port   = ingress.value
    }
  }
}
