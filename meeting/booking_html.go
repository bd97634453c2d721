package meeting

import "html/template"

// reportStyle is the printable page's style, shared by the reports of this package.
const reportStyle = `<style>
body{font-family:"Times New Roman",serif;margin:2cm;font-size:13pt}
table{border-collapse:collapse;width:100%;margin:.6em 0}td,th{border:1px solid #000;padding:4px 6px;vertical-align:top}
h1{text-align:center;font-size:14pt}h2{font-size:13pt}.appendix{text-align:right;font-style:italic}
.sign{display:flex;justify-content:space-between;margin-top:2em}.sign div{text-align:center;width:45%}
.warn{color:#a00}@media print{body{margin:1.5cm}}
</style>`

// reportFuncs are the helpers of the printable pages.
var reportFuncs = template.FuncMap{"inc": func(i int) int { return i + 1 }}

// formHTML is the printable Appendix I form.
var formHTML = template.Must(template.New("form").Funcs(reportFuncs).Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Title}}</title>` + reportStyle + `</head><body>
<p class="appendix">{{.Appendix}}</p>
<h1>{{.Title}}</h1>
<p>{{.To}}</p>
<table>{{range .Lines}}<tr><th style="text-align:left;width:35%">{{.Label}}</th><td>{{.Value}}</td></tr>
{{end}}</table>
<table><tr><th>{{.No}}</th><th>{{.KindLabel}}</th><th>{{.Point}}</th><th>{{.Address}}</th><th>{{.Attendees}}</th><th>{{.Contact}}</th></tr>
{{range $i, $p := .Points}}<tr><td>{{inc $i}}</td><td>{{$.Kind $p}}</td><td>{{$p.Name}} ({{$p.BridgePoint}})</td><td>{{$p.Address}}</td><td>{{$p.Attendees}}</td><td>{{$p.ContactName}} {{$p.ContactPhone}}</td></tr>
{{end}}<tr><th colspan="4" style="text-align:right">{{.TotalLabel}}</th><th>{{.Total}}</th><td></td></tr></table>
<p><b>{{.NeedsLabel}}:</b> {{range .Needs}}{{.Label}} {{.Value}} &nbsp; {{end}}</p>
<p>{{.Request}}</p>
<div class="sign"><div><b>{{.OpinionLabel}}</b><p>{{.Opinion}}</p></div>
<div><i>{{.Place}}</i><br><b>{{.Head}}</b><br><i>{{.Sign}}</i><br><br><br>{{.HeadName}}</div></div>
</body></html>
`))
