use strict; use warnings; use utf8;
use XML::TMX::Writer;
my $tmx = XML::TMX::Writer->new();
$tmx->start_tmx(-output => $ARGV[0], id => 'workbench-tests', srclang => 'ar', tool => 'XML::TMX::Writer',
                -prop => { 'x-project' => 'hanoi-convention' }, -note => ['Written by XML::TMX::Writer (Debian libxml-tmx-perl).']);
$tmx->add_tu(srclang => 'ar', id => 'hc-1', creationid => 'translator1',
             'ar' => 'اتفاقية هانوي', 'en' => 'Hanoi Convention', 'fa' => "کنوانسیون هانوی",
             -prop => { 'x-domain' => ['law', 'news'], _ => 'anonymous property' },
             -note => ['Title of the convention.']);
$tmx->add_tu(srclang => 'ar', id => 'hc-2',
             'ar' => { -seg => 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة (UNODC) & <شركاؤه>', -prop => { 'x-status' => 'reviewed' }, -note => ['UNODC in full.'] },
             'en' => 'United Nations Office on Drugs and Crime (UNODC) & <partners>');
$tmx->add_tu(srclang => 'fa', id => 'hc-3',
             'fa' => { -seg => "آژانس‌های سازمان ملل <b>متحد</b>", -iscdata => 1 },
             'en' => { -seg => 'UN agencies <b>united</b>', -iscdata => 1 });
$tmx->add_tu(srclang => 'ar', -verbatim => 1,
             'ar' => 'وقعت <ph x="1">&lt;br/&gt;</ph>72 دولة', 'en' => '72 states <ph x="1">&lt;br/&gt;</ph>signed');
$tmx->end_tmx();
