/**
 * The one message table of the displays: every text a citizen sees or hears
 * (except the spoken announcement, always Indonesian: see lobby/announce-text.ts).
 * Indonesian first, English second. `{name}` marks a parameter.
 */
import type { Locale } from '@loket/web-common/locale';

const ID = {
  'conn.connecting': 'Menyambung…',
  'conn.live': 'Terhubung',
  'conn.reconnecting': 'Menyambung ulang…',
  'conn.authFailed': 'Token perangkat tidak sah',
  'voice.unavailable': 'Suara tidak tersedia',
  'voice.available': 'Suara aktif',
  'login.title': 'Masuk perangkat',
  'login.username': 'Nama pengguna',
  'login.password': 'Kata sandi',
  'login.submit': 'Masuk',
  'login.failed': 'Nama pengguna atau kata sandi salah',
  'error.network': 'Tidak dapat menghubungi server. Coba lagi.',
  'error.generic': 'Terjadi kesalahan. Silakan coba lagi.',
  'error.noSite': 'Lokasi layanan tidak ditemukan',
  'common.minutes': '{n} menit',
  'ticket.noCounter': 'Belum ada loket yang melayani',
  'common.people': '{n} orang',
  'common.loading': 'Memuat…',
  'ticket.number': 'Nomor antrian',
  'ticket.service': 'Layanan',
  'ticket.ahead': 'Orang di depan Anda',
  'ticket.eta': 'Perkiraan waktu tunggu',
  'ticket.state': 'Status',
  'lobby.title': 'Layar antrean',
  'lobby.nowCalling': 'Nomor Antrian',
  'lobby.goTo': 'Silakan menuju',
  'lobby.noCalls': 'Belum ada panggilan',
  'lobby.lastCalls': 'Panggilan terakhir',
  'lobby.counter': 'Loket',
  'lobby.number': 'Nomor',
  'lobby.waiting': 'Jumlah menunggu',
  'lobby.runningText':
    'Selamat datang di {site}. Ambil nomor antrian di kiosk, siapkan dokumen Anda, dan perhatikan panggilan di layar ini. Layanan prioritas untuk lansia, penyandang disabilitas, ibu hamil, dan yang membawa balita.',
  'kiosk.title': 'Ambil Nomor Antrian',
  'kiosk.chooseAgency': 'Pilih instansi',
  'kiosk.chooseService': 'Pilih layanan',
  'kiosk.choosePriority': 'Apakah Anda memerlukan layanan prioritas?',
  'kiosk.regular': 'Tidak, antrean umum',
  'kiosk.priority.elderly': 'Lansia (60 tahun ke atas)',
  'kiosk.priority.disability': 'Penyandang disabilitas',
  'kiosk.priority.pregnant': 'Ibu hamil',
  'kiosk.priority.small_children': 'Membawa balita',
  'kiosk.priorityTag': 'Prioritas',
  'kiosk.back': 'Kembali',
  'kiosk.restart': 'Ke awal',
  'kiosk.issuing': 'Mengambil nomor…',
  'kiosk.scan': 'Pindai untuk memantau antrean Anda',
  'kiosk.qrAlt': 'Kode QR menuju halaman status tiket Anda',
  'kiosk.print': 'Cetak tiket',
  'kiosk.done': 'Selesai',
  'kiosk.closed': 'Layanan sedang tutup. Silakan datang kembali pada jam layanan.',
  'kiosk.quota': 'Kuota layanan ini untuk hari ini sudah habis. Silakan datang kembali besok.',
  'kiosk.thanks': 'Terima kasih. Mohon menunggu panggilan.',
  'status.title': 'Status antrean',
  'status.notFound': 'Tiket tidak ditemukan',
  'status.state.waiting': 'Menunggu',
  'status.state.called': 'Dipanggil',
  'status.state.serving': 'Sedang dilayani',
  'status.state.done': 'Selesai',
  'status.state.no_show': 'Tidak hadir',
  'status.state.cancelled': 'Dibatalkan',
  'status.called': 'Nomor Anda dipanggil: {counter}',
  'status.serving': 'Anda sedang dilayani di {counter}',
  'status.next': 'Anda berikutnya',
  'ikm.title': 'Survei Kepuasan Masyarakat',
  'ikm.intro': 'Bantu kami memperbaiki layanan. Semua pertanyaan boleh dilewati.',
  'ikm.comment': 'Saran dan masukan (opsional)',
  'ikm.submit': 'Kirim penilaian',
  'ikm.sending': 'Mengirim…',
  'ikm.thanks': 'Terima kasih atas penilaian Anda.',
  'ikm.already': 'Penilaian untuk tiket ini sudah dikirim.',
  'ikm.U1': 'Kesesuaian persyaratan pelayanan dengan jenis pelayanannya',
  'ikm.U2': 'Kemudahan prosedur pelayanan',
  'ikm.U3': 'Kecepatan waktu pelayanan',
  'ikm.U4': 'Kewajaran biaya/tarif pelayanan',
  'ikm.U5': 'Kesesuaian hasil pelayanan dengan standar pelayanan',
  'ikm.U6': 'Kompetensi/kemampuan petugas',
  'ikm.U7': 'Kesopanan dan keramahan petugas',
  'ikm.U8': 'Penanganan pengaduan, saran, dan masukan',
  'ikm.U9': 'Kualitas sarana dan prasarana',
  'ikm.U1.a': 'Tidak sesuai|Kurang sesuai|Sesuai|Sangat sesuai',
  'ikm.U2.a': 'Tidak mudah|Kurang mudah|Mudah|Sangat mudah',
  'ikm.U3.a': 'Tidak cepat|Kurang cepat|Cepat|Sangat cepat',
  'ikm.U4.a': 'Sangat mahal|Cukup mahal|Murah|Gratis',
  'ikm.U5.a': 'Tidak sesuai|Kurang sesuai|Sesuai|Sangat sesuai',
  'ikm.U6.a': 'Tidak kompeten|Kurang kompeten|Kompeten|Sangat kompeten',
  'ikm.U7.a': 'Tidak sopan dan ramah|Kurang sopan dan ramah|Sopan dan ramah|Sangat sopan dan ramah',
  'ikm.U8.a': 'Tidak ada|Ada tetapi tidak berfungsi|Berfungsi kurang maksimal|Dikelola dengan baik',
  'ikm.U9.a': 'Buruk|Cukup|Baik|Sangat baik',
} as const;

export type MessageKey = keyof typeof ID;

const EN: Record<MessageKey, string> = {
  'conn.connecting': 'Connecting…',
  'conn.live': 'Live',
  'conn.reconnecting': 'Reconnecting…',
  'conn.authFailed': 'Invalid device token',
  'voice.unavailable': 'Voice not available',
  'voice.available': 'Voice on',
  'login.title': 'Device sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.failed': 'Wrong username or password',
  'error.network': 'Cannot reach the server. Please try again.',
  'error.generic': 'Something went wrong. Please try again.',
  'error.noSite': 'Service location not found',
  'common.minutes': '{n} min',
  'ticket.noCounter': 'No counter serving yet',
  'common.people': '{n} people',
  'common.loading': 'Loading…',
  'ticket.number': 'Queue number',
  'ticket.service': 'Service',
  'ticket.ahead': 'People ahead of you',
  'ticket.eta': 'Estimated wait',
  'ticket.state': 'Status',
  'lobby.title': 'Queue display',
  'lobby.nowCalling': 'Now calling',
  'lobby.goTo': 'Please go to',
  'lobby.noCalls': 'No calls yet',
  'lobby.lastCalls': 'Recent calls',
  'lobby.counter': 'Counter',
  'lobby.number': 'Number',
  'lobby.waiting': 'Waiting',
  'lobby.runningText':
    'Welcome to {site}. Take a number at the kiosk, have your documents ready and watch this screen for your call. Priority service for the elderly, people with disabilities, pregnant women and parents with small children.',
  'kiosk.title': 'Take a queue number',
  'kiosk.chooseAgency': 'Choose an agency',
  'kiosk.chooseService': 'Choose a service',
  'kiosk.choosePriority': 'Do you need priority service?',
  'kiosk.regular': 'No, regular queue',
  'kiosk.priority.elderly': 'Elderly (60 years or older)',
  'kiosk.priority.disability': 'Person with a disability',
  'kiosk.priority.pregnant': 'Pregnant',
  'kiosk.priority.small_children': 'With small children',
  'kiosk.priorityTag': 'Priority',
  'kiosk.back': 'Back',
  'kiosk.restart': 'Start over',
  'kiosk.issuing': 'Taking a number…',
  'kiosk.scan': 'Scan to follow your ticket',
  'kiosk.qrAlt': 'QR code linking to your ticket status page',
  'kiosk.print': 'Print ticket',
  'kiosk.done': 'Done',
  'kiosk.closed': 'The service is closed. Please come back during opening hours.',
  'kiosk.quota': "Today's quota for this service is used up. Please come back tomorrow.",
  'kiosk.thanks': 'Thank you. Please wait for your call.',
  'status.title': 'Queue status',
  'status.notFound': 'Ticket not found',
  'status.state.waiting': 'Waiting',
  'status.state.called': 'Called',
  'status.state.serving': 'Being served',
  'status.state.done': 'Done',
  'status.state.no_show': 'Missed',
  'status.state.cancelled': 'Cancelled',
  'status.called': 'Your number is called: {counter}',
  'status.serving': 'You are being served at {counter}',
  'status.next': 'You are next',
  'ikm.title': 'Citizen satisfaction survey',
  'ikm.intro': 'Help us improve. Every question may be skipped.',
  'ikm.comment': 'Suggestions (optional)',
  'ikm.submit': 'Send rating',
  'ikm.sending': 'Sending…',
  'ikm.thanks': 'Thank you for your rating.',
  'ikm.already': 'A rating for this ticket was already sent.',
  'ikm.U1': 'Requirements fit the service',
  'ikm.U2': 'Ease of the procedure',
  'ikm.U3': 'Speed of service',
  'ikm.U4': 'Fairness of the fee',
  'ikm.U5': 'Result matches the service standard',
  'ikm.U6': 'Competence of the staff',
  'ikm.U7': 'Courtesy and friendliness of the staff',
  'ikm.U8': 'Handling of complaints and suggestions',
  'ikm.U9': 'Quality of facilities',
  'ikm.U1.a': 'Not fitting|Somewhat fitting|Fitting|Very fitting',
  'ikm.U2.a': 'Not easy|Somewhat easy|Easy|Very easy',
  'ikm.U3.a': 'Not fast|Somewhat fast|Fast|Very fast',
  'ikm.U4.a': 'Very expensive|Rather expensive|Cheap|Free',
  'ikm.U5.a': 'Not matching|Somewhat matching|Matching|Fully matching',
  'ikm.U6.a': 'Not competent|Somewhat competent|Competent|Very competent',
  'ikm.U7.a': 'Not courteous|Somewhat courteous|Courteous|Very courteous',
  'ikm.U8.a': 'None|Exists but does not work|Works, not fully|Well handled',
  'ikm.U9.a': 'Poor|Fair|Good|Very good',
};

export { LOCALES, type Locale } from '@loket/web-common/locale';

const TABLE: Record<Locale, Record<MessageKey, string>> = { id: ID, en: EN };

/** The text of `key` in `locale`, with `{name}` parameters filled in. */
export function t(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  const text = TABLE[locale][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Locale from `?lang=` or the stored choice, Indonesian by default. */
export function initialLocale(): Locale {
  const fromUrl = new URLSearchParams(globalThis.location?.search ?? '').get('lang');
  if (fromUrl === 'en' || fromUrl === 'id') return fromUrl;
  try {
    const stored = globalThis.localStorage?.getItem('loket.locale');
    if (stored === 'en' || stored === 'id') return stored;
  } catch {
    /* storage may be blocked; fall back to Indonesian */
  }
  return 'id';
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem('loket.locale', locale);
  } catch {
    /* storage may be blocked: the choice then lasts for this page only */
  }
}
